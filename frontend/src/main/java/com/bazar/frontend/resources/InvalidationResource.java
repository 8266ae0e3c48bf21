package com.bazar.frontend.resources;

import com.bazar.common.api.Invalidation;
import com.bazar.common.web.InvalidRequestException;
import com.bazar.common.web.RequiresToken;
import com.bazar.frontend.core.ResponseCache;
import com.codahale.metrics.annotation.ExceptionMetered;
import com.codahale.metrics.annotation.Timed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /internal/invalidations} (internal token): a catalog announces a committed write. Answered only
 * once the book and its topic are evicted and the fence raised, because the catalog answers its own client
 * after this returns.
 */
@Path("/internal/invalidations")
@Produces(MediaType.APPLICATION_JSON)
public final class InvalidationResource {
    private final ResponseCache cache;

    public InvalidationResource(ResponseCache cache) {
        this.cache = cache;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresToken(RequiresToken.Kind.INTERNAL)
    @Timed
    @ExceptionMetered
    public Response invalidate(Invalidation invalidation) {
        if (invalidation == null) {
            throw new InvalidRequestException("an invalidation needs a JSON body with bookId, topic and version");
        }
        cache.invalidate(invalidation);
        return Response.noContent().build();
    }
}
