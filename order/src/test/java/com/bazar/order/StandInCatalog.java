package com.bazar.order;

import com.bazar.common.api.Book;
import com.bazar.common.api.PurchaseRequest;
import io.dropwizard.jersey.errors.ErrorMessage;
import io.dropwizard.testing.junit5.DropwizardClientExtension;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Stands in for the catalog service only: {@code POST /books/{id}/purchase} with in-memory stock, applying each
 * Idempotency-Key once (a repeat gets the first answer), 404 for an unknown book, 409 when short, 401 without
 * the internal token. A JUnit extension, so that {@code @Order} can start it before the order service.
 */
public final class StandInCatalog implements BeforeAllCallback, AfterAllCallback {
    static final String INTERNAL_BEARER = "Bearer dev-internal-token";

    private final Purchases purchases = new Purchases();
    private final DropwizardClientExtension server = new DropwizardClientExtension(purchases);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        try {
            server.before();
        } catch (Throwable e) {
            throw new IllegalStateException("the stand-in catalog did not start", e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.after();
    }

    /** Its base URL, for the order service's catalog replicas. */
    public String url() {
        return server.baseUri().toString();
    }

    /** Puts a book on the shelf (or replaces it) and returns it. */
    public Book shelve(long id, String title, String price, int stock) {
        return purchases.shelve(new Book(id, title, "distributed systems", new BigDecimal(price), stock, 1));
    }

    public int stock(long id) {
        return purchases.stock(id);
    }

    /** How many purchases actually took copies off the shelf (repeats of a key do not count). */
    public int decrements() {
        return purchases.decrements();
    }

    /** A purchase sent straight to the stand-in, as if an earlier order request had bought and then died. */
    public Response buyDirectly(long id, int quantity, String key) {
        return purchases.purchase(id, key, INTERNAL_BEARER, new PurchaseRequest(quantity));
    }

    @Path("/books")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Purchases {
        private final Map<Long, Book> shelf = new HashMap<>();
        private final Map<String, Applied> applied = new HashMap<>();
        private int decrements;

        @POST
        @Path("/{id}/purchase")
        public synchronized Response purchase(@PathParam("id") long id, @HeaderParam("Idempotency-Key") String key,
                                              @HeaderParam("Authorization") String authorization,
                                              PurchaseRequest request) {
            if (!INTERNAL_BEARER.equals(authorization)) {
                return error(401, "missing or wrong internal bearer token");
            }
            if (key == null || request == null) {
                return error(400, "a purchase needs an Idempotency-Key and a body");
            }
            Applied earlier = applied.get(key);
            if (earlier != null) {
                return earlier.bookId() == id && earlier.quantity() == request.quantity()
                        ? Response.ok(earlier.after()).build()
                        : error(422, "Idempotency-Key '" + key + "' was already used for a different purchase");
            }
            Book book = shelf.get(id);
            if (book == null) {
                return error(404, "no book with id " + id);
            }
            if (book.stock() < request.quantity()) {
                return error(409, "only " + book.stock() + " copies of book " + id + " left, " + request.quantity() + " asked for");
            }
            Book after = new Book(id, book.title(), book.topic(), book.price(), book.stock() - request.quantity(),
                    book.version() + 1);
            shelf.put(id, after);
            applied.put(key, new Applied(id, request.quantity(), after));
            decrements++;
            return Response.ok(after).build();
        }

        synchronized Book shelve(Book book) {
            shelf.put(book.id(), book);
            return book;
        }

        synchronized int stock(long id) {
            return shelf.get(id).stock();
        }

        synchronized int decrements() {
            return decrements;
        }

        private static Response error(int status, String message) {
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorMessage(status, message)).build();
        }

        private record Applied(long bookId, int quantity, Book after) {
        }
    }
}
