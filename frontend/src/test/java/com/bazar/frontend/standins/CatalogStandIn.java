package com.bazar.frontend.standins;

import com.bazar.common.api.Book;
import com.bazar.common.api.BookUpdate;
import com.bazar.common.web.ReplicaHeaderFilter;
import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for one catalog replica: answers from the shared table, names itself in X-Bazar-Replica, counts
 * reads, records updates, and can be switched to answer 503 as a replica in trouble would.
 */
@Path("/books")
@Produces(MediaType.APPLICATION_JSON)
public final class CatalogStandIn {
    private final String name;
    private final BookTable books;
    private final String adminBearer;
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger refusedReads = new AtomicInteger();
    private final List<String> updates = new CopyOnWriteArrayList<>();
    private final AtomicBoolean failing = new AtomicBoolean();

    public CatalogStandIn(String name, BookTable books, String adminBearer) {
        this.name = name;
        this.books = books;
        this.adminBearer = adminBearer;
    }

    @GET
    public Response search(@QueryParam("topic") String topic) {
        if (failing.get()) {
            refusedReads.incrementAndGet();
            return failure();
        }
        reads.incrementAndGet();
        return answer(200, books.byTopic(topic));
    }

    @GET
    @Path("/{id}")
    public Response info(@PathParam("id") long id) {
        if (failing.get()) {
            refusedReads.incrementAndGet();
            return failure();
        }
        reads.incrementAndGet();
        return books.get(id).map(book -> answer(200, book))
                .orElseGet(() -> answer(404, new ErrorMessage(404, "no book " + id)));
    }

    @PATCH
    @Path("/{id}")
    public Response update(@PathParam("id") long id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           BookUpdate update) {
        updates.add(id + " " + authorization + " " + update);
        if (!adminBearer.equals(authorization)) {
            return answer(401, new ErrorMessage(401, "missing or wrong admin bearer token"));
        }
        if (books.get(id).isEmpty()) {
            return answer(404, new ErrorMessage(404, "no book " + id));
        }
        try {
            Book updated = books.change(id, b -> new Book(b.id(), b.title(), b.topic(), update.priceAfter(b.price()),
                    Math.toIntExact(update.stockAfter(b.stock())), b.version() + 1));
            return answer(200, updated);
        } catch (IllegalArgumentException e) {
            return answer(409, new ErrorMessage(409, e.getMessage()));
        }
    }

    public int reads() {
        return reads.get();
    }

    /** Reads answered with the failure while {@link #failing} was on. */
    public int refusedReads() {
        return refusedReads.get();
    }

    /** Every update that reached this replica, as "id authorization update". */
    public List<String> updates() {
        return updates;
    }

    public void failing(boolean failing) {
        this.failing.set(failing);
    }

    public void reset() {
        reads.set(0);
        refusedReads.set(0);
        updates.clear();
        failing.set(false);
    }

    private Response failure() {
        return answer(503, new ErrorMessage(503, name + " is down"));
    }

    private Response answer(int status, Object entity) {
        return Response.status(status).entity(entity).header(ReplicaHeaderFilter.HEADER, name).build();
    }
}
