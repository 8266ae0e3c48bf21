package com.bazar.order;

import com.bazar.common.api.Book;
import com.bazar.common.api.PurchaseCancellation;
import com.bazar.common.api.PurchaseRequest;
import io.dropwizard.jersey.errors.ErrorMessage;
import io.dropwizard.testing.junit5.DropwizardClientExtension;
import jakarta.ws.rs.GET;
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
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Stands in for the catalog service only: {@code GET /books/{id}}, {@code POST /books/{id}/purchase} with in-memory stock, applying each
 * Idempotency-Key once (a repeat gets the first answer), 404 for an unknown book, 409 when short, 410 for a
 * cancelled key, 401 without the internal token; and {@code POST /purchases/cancel}, which answers the purchase
 * applied under the key or cancels the key for good. A JUnit extension, so that {@code @Order} can start it
 * before the order service.
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

    /** Whether the key was cancelled here (so no purchase will ever apply it). */
    public boolean isCancelled(String key) {
        return purchases.isCancelled(key);
    }

    /** How many cancellation requests arrived, whatever they answered. */
    public int cancellations() {
        return purchases.cancellations();
    }

    /**
     * The next purchase is answered with this error without being looked at, as a catalog replica would answer
     * one copy of a request while another copy (sent earlier, still in flight) applies it.
     */
    public void refuseNextPurchase(int status, String message) {
        purchases.refuseNext(status, message);
    }

    @Path("/")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Purchases {
        private final Map<Long, Book> shelf = new HashMap<>();
        private final Map<String, Applied> applied = new HashMap<>();
        private final Set<String> cancelled = new HashSet<>();
        private int decrements;
        private int cancellations;
        private Response refuseNext;

        @GET
        @Path("/books/{id}")
        public synchronized Response book(@PathParam("id") long id) {
            Book book = shelf.get(id);
            return book == null ? error(404, "no book with id " + id) : Response.ok(book).build();
        }

        @POST
        @Path("/purchases/cancel")
        public synchronized Response cancel(@HeaderParam("Idempotency-Key") String key,
                                            @HeaderParam("Authorization") String authorization) {
            if (!INTERNAL_BEARER.equals(authorization)) {
                return error(401, "missing or wrong internal bearer token");
            }
            if (key == null) {
                return error(400, "a cancellation needs an Idempotency-Key");
            }
            cancellations++;
            Applied earlier = applied.get(key);
            if (earlier != null) {
                return Response.ok(PurchaseCancellation.applied(key, earlier.quantity(), earlier.after())).build();
            }
            cancelled.add(key);
            return Response.ok(PurchaseCancellation.notApplied(key)).build();
        }

        @POST
        @Path("/books/{id}/purchase")
        public synchronized Response purchase(@PathParam("id") long id, @HeaderParam("Idempotency-Key") String key,
                                              @HeaderParam("Authorization") String authorization,
                                              PurchaseRequest request) {
            if (!INTERNAL_BEARER.equals(authorization)) {
                return error(401, "missing or wrong internal bearer token");
            }
            if (key == null || request == null) {
                return error(400, "a purchase needs an Idempotency-Key and a body");
            }
            if (refuseNext != null) {
                Response refusal = refuseNext;
                refuseNext = null;
                return refusal;
            }
            Applied earlier = applied.get(key);
            if (earlier != null) {
                return earlier.bookId() == id && earlier.quantity() == request.quantity()
                        ? Response.ok(earlier.after()).build()
                        : error(422, "Idempotency-Key '" + key + "' was already used for a different purchase");
            }
            if (cancelled.contains(key)) {
                return error(410, "purchase key '" + key + "' was cancelled; nothing was bought");
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

        synchronized boolean isCancelled(String key) {
            return cancelled.contains(key);
        }

        synchronized int cancellations() {
            return cancellations;
        }

        synchronized void refuseNext(int status, String message) {
            refuseNext = error(status, message);
        }

        private static Response error(int status, String message) {
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorMessage(status, message)).build();
        }

        private record Applied(long bookId, int quantity, Book after) {
        }
    }
}
