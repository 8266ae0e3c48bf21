package com.bazar.frontend.resources;

import com.bazar.common.api.Ids;
import com.bazar.frontend.core.CatalogReader;
import com.codahale.metrics.annotation.ExceptionMetered;
import com.codahale.metrics.annotation.Timed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /info/{id}}: one book, or 404 when the catalog has no such book. */
@Path("/info/{id}")
@Produces(MediaType.APPLICATION_JSON)
public final class InfoResource {
    private final CatalogReader reader;

    public InfoResource(CatalogReader reader) {
        this.reader = reader;
    }

    @GET
    @Timed
    @ExceptionMetered
    public Response info(@PathParam("id") String id, @Context HttpServletRequest request) {
        CatalogReadFilter.throwFailedRead(request);
        return Answers.read(reader.info(Ids.parse("book id", id)));
    }
}
