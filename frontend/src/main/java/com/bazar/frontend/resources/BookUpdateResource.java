package com.bazar.frontend.resources;

import com.bazar.common.api.BookUpdate;
import com.bazar.common.api.Ids;
import com.bazar.common.web.InvalidRequestException;
import com.bazar.common.web.RequiresToken;
import com.bazar.frontend.core.UpdateForwarder;
import com.codahale.metrics.annotation.ExceptionMetered;
import com.codahale.metrics.annotation.Timed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code PATCH /books/{id}} (administrator): a new price, stock or stock delta, forwarded to a catalog replica
 * with the caller's token. The token is checked here too, so a request without it never leaves the front end.
 */
@Path("/books/{id}")
@Produces(MediaType.APPLICATION_JSON)
public final class BookUpdateResource {
    private final UpdateForwarder updates;

    public BookUpdateResource(UpdateForwarder updates) {
        this.updates = updates;
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresToken(RequiresToken.Kind.ADMIN)
    @Timed
    @ExceptionMetered
    public Response update(@PathParam("id") String id,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           BookUpdate update) {
        long bookId = Ids.parse("book id", id);
        if (update == null) {
            throw new InvalidRequestException("an update needs a JSON body with price, stock or stockDelta");
        }
        return Answers.forwarded(updates.update(bookId, update, authorization)).build();
    }
}
