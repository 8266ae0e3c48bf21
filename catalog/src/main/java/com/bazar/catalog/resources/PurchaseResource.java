package com.bazar.catalog.resources;

import com.bazar.catalog.core.Catalog;
import com.bazar.common.api.PurchaseCancellation;
import com.bazar.common.web.IdempotencyKeys;
import com.bazar.common.web.InvalidRequestException;
import com.bazar.common.web.RequiresToken;
import com.codahale.metrics.annotation.ExceptionMetered;
import com.codahale.metrics.annotation.Timed;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /purchases/cancel} with the purchase's {@code Idempotency-Key} (internal token): settles the key
 * for good — the purchase applied under it, or a promise that none ever will be. The key travels in the
 * header, as on the purchase itself, so any key the purchase accepted needs no escaping in a path.
 */
@Path("/purchases")
@Produces(MediaType.APPLICATION_JSON)
public final class PurchaseResource {
    private final Catalog catalog;

    public PurchaseResource(Catalog catalog) {
        this.catalog = catalog;
    }

    @POST
    @Path("/cancel")
    @RequiresToken(RequiresToken.Kind.INTERNAL)
    @Timed
    @ExceptionMetered
    public PurchaseCancellation cancel(@HeaderParam(IdempotencyKeys.HEADER) String key) {
        if (key == null) {
            throw new InvalidRequestException("the " + IdempotencyKeys.HEADER + " header names the purchase to cancel");
        }
        return catalog.cancel(IdempotencyKeys.orGenerate(key));
    }
}
