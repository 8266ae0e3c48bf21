package com.bazar.frontend.resources;

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

/** {@code GET /search/{topic}}: every book of the topic; an unknown topic is an empty list. */
@Path("/search/{topic}")
@Produces(MediaType.APPLICATION_JSON)
public final class SearchResource {
    private final CatalogReader reader;

    public SearchResource(CatalogReader reader) {
        this.reader = reader;
    }

    @GET
    @Timed
    @ExceptionMetered
    public Response search(@PathParam("topic") String topic, @Context HttpServletRequest request) {
        CatalogReadFilter.throwFailedRead(request);
        return Answers.read(reader.search(topic));
    }
}
