package com.bazar.frontend.resources;

import com.bazar.common.api.Ids;
import com.bazar.common.api.PurchaseRequest;
import com.bazar.common.web.IdempotencyKeys;
import com.bazar.frontend.core.PurchaseForwarder;
import com.codahale.metrics.annotation.ExceptionMetered;
import com.codahale.metrics.annotation.Timed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

/**
 * {@code POST /purchase/{id}}: buys copies of a book (one without a body). The order service's answer is
 * returned as it is; the key the purchase was placed under comes back in {@code Idempotency-Key}, so a client
 * that did not send one can still retry safely.
 */
@Path("/purchase/{id}")
@Produces(MediaType.APPLICATION_JSON)
public final class PurchaseResource {
    private final PurchaseForwarder purchases;

    public PurchaseResource(PurchaseForwarder purchases) {
        this.purchases = purchases;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Timed
    @ExceptionMetered
    public Response purchase(@PathParam("id") String id,
                             @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                             PurchaseRequest request) {
        PurchaseForwarder.Placed placed = purchases.purchase(Ids.parse("book id", id),
                Optional.ofNullable(request), Optional.ofNullable(idempotencyKey));
        return Answers.forwarded(placed.response()).header(IdempotencyKeys.HEADER, placed.idempotencyKey()).build();
    }
}
