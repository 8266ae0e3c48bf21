package com.bazar.catalog.resources;

import com.bazar.catalog.core.Catalog;
import com.bazar.common.api.Book;
import com.bazar.common.api.BookUpdate;
import com.bazar.common.api.Ids;
import com.bazar.common.api.PurchaseRequest;
import com.bazar.common.web.IdempotencyKeys;
import com.bazar.common.web.InvalidRequestException;
import com.bazar.common.web.RequiresToken;
import com.codahale.metrics.annotation.ExceptionMetered;
import com.codahale.metrics.annotation.Timed;
import io.dropwizard.jersey.PATCH;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The catalog's HTTP face: search and info from this replica's database, updates and purchases to all. */
@Path("/books")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class BookResource {
    private static final int MAX_TOPIC_LENGTH = 200;

    private final Catalog catalog;

    public BookResource(Catalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Timed
    @ExceptionMetered
    public List<Book> search(@QueryParam("topic") String topic) {
        if (!isTopic(topic)) {
            throw new InvalidRequestException("query parameter 'topic' is required (1 to " + MAX_TOPIC_LENGTH + " characters)");
        }
        return catalog.search(topic);
    }

    /** Whether {@code topic} is one that {@link #search} looks up (the rest are refused with a 400). */
    static boolean isTopic(String topic) {
        return topic != null && !topic.isBlank() && topic.length() <= MAX_TOPIC_LENGTH;
    }

    @GET
    @Path("/{id}")
    @Timed
    @ExceptionMetered
    public Book info(@PathParam("id") String id) {
        return catalog.info(Ids.parse("book id", id));
    }

    @PATCH
    @Path("/{id}")
    @RequiresToken(RequiresToken.Kind.ADMIN)
    @Timed
    @ExceptionMetered
    public Book update(@PathParam("id") String id, BookUpdate update) {
        long bookId = Ids.parse("book id", id);
        if (update == null) {
            throw new InvalidRequestException("a JSON body with price, stock or stockDelta is required");
        }
        return catalog.update(bookId, update);
    }

    @POST
    @Path("/{id}/purchase")
    @RequiresToken(RequiresToken.Kind.INTERNAL)
    @Timed
    @ExceptionMetered
    public Book purchase(@PathParam("id") String id, @HeaderParam(IdempotencyKeys.HEADER) String key,
                         PurchaseRequest request) {
        long bookId = Ids.parse("book id", id);
        int quantity = (request == null ? PurchaseRequest.one() : request).quantity();
        return catalog.purchase(bookId, quantity, IdempotencyKeys.orGenerate(key));
    }
}
