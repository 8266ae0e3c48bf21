package com.bazar.order.core;

import com.bazar.common.api.Book;
import com.bazar.common.api.Order;
import com.bazar.common.api.OrderRequest;
import com.bazar.common.client.UpstreamUnavailableException;
import com.bazar.common.db.ReplicatedDatabases;
import com.bazar.order.db.OrderDao;
import jakarta.ws.rs.WebApplicationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Places an order in three steps, each written to every order database: (1) record it PENDING under its
 * idempotency key, (2) buy the copies from a catalog replica with that key, (3) record the order and mark it
 * COMPLETED. (An order the catalog's stock cannot fill is refused before step 1, from a read, unless the catalog's
 * last answer here showed enough copies.) The catalog applies a key at most once, so a request repeated after any failure, on either order
 * replica, buys once and answers with the one order; and if this process dies between (1) and (3), the order
 * stays PENDING until a retry completes it or the {@link PendingOrderReconciler} settles it with the catalog.
 */
public final class OrderPlacement {
    private static final Logger LOG = LoggerFactory.getLogger(OrderPlacement.class);

    private final ReplicatedDatabases databases;
    private final CatalogClient catalog;
    private final PlacementResolver resolver;
    private final Clock clock;
    private final PurchaseStepListener steps;
    /**
     * Book id → the stock the catalog last reported to this process (the book as its last purchase here left
     * it). Only a hint for skipping the early stock read: the other order replica and stock updates make it high
     * at times, which costs a refusal the slower path (recorded, then refused by the catalog), never a wrong answer.
     */
    private final Map<Long, Integer> lastKnownStock = new ConcurrentHashMap<>();

    public OrderPlacement(ReplicatedDatabases databases, CatalogClient catalog, PlacementResolver resolver, Clock clock,
                          PurchaseStepListener steps) {
        this.databases = databases;
        this.catalog = catalog;
        this.resolver = resolver;
        this.clock = clock;
        this.steps = steps;
    }

    /** @param key a checked idempotency key (the caller's, or a fresh one) */
    public Order place(String key, OrderRequest request) {
        long bookId = request.bookId();
        int quantity = request.quantity();
        Optional<Order> earlier = databases.read(handle -> handle.attach(OrderDao.class).findByKey(key));
        if (earlier.isPresent()) {
            Order order = RecordOrder.replay(key, earlier.get(), bookId, quantity);
            LOG.info("order {} already placed under this Idempotency-Key; answered again, nothing bought", order.orderId());
            return order;
        }

        if (lastKnownStock.getOrDefault(bookId, 0) < quantity) {
            refuseEarlyWhenShort(key, bookId, quantity);
        }

        Instant started = now();
        BeginPlacement.Outcome begun = databases.write(new BeginPlacement(key, bookId, quantity, started));
        if (begun.order().isPresent()) {
            Order order = RecordOrder.replay(key, begun.order().get(), bookId, quantity);
            LOG.info("order {} already placed under this Idempotency-Key; answered again, nothing bought", order.orderId());
            return order;
        }
        Placement placement = begun.placement();
        if (placement.state() == PlacementState.CANCELLED) {
            throw new OrderCancelledException("it was cancelled at " + placement.updatedAt());
        }
        if (!placement.createdAt().equals(started)) {
            LOG.info("carrying on the order pending under this Idempotency-Key since {}", placement.createdAt());
        }

        steps.reached(PurchaseStep.BEFORE_CATALOG, key);
        CatalogPurchase purchase;
        try {
            purchase = catalog.purchase(bookId, quantity, key);
        } catch (BookNotFoundException | OutOfStockException | IdempotencyKeyReusedException | OrderCancelledException refused) {
            lastKnownStock.remove(bookId);
            return afterRefusal(key, bookId, quantity, refused);
        }
        steps.reached(PurchaseStep.AFTER_CATALOG, key);
        lastKnownStock.put(bookId, purchase.book().stock());

        RecordOrder.Outcome outcome = databases.write(new RecordOrder(key, OrderDraft.of(purchase.book(), quantity, now())));
        Order order = outcome.order();
        if (outcome.created()) {
            LOG.info("bought book {} (order {}, quantity {}, via {})",
                    order.title(), order.orderId(), order.quantity(), purchase.replica());
        } else {
            // A concurrent request with the same key recorded it first; the catalog applied the key once for both.
            LOG.info("order {} was recorded by a concurrent request with this Idempotency-Key; nothing bought again",
                    order.orderId());
        }
        return order;
    }

    /**
     * Refuses, before anything is written or bought, an order the catalog would refuse anyway: the book is
     * unknown, or a catalog replica shows fewer copies than asked for. Nothing was sent to be bought under the
     * key, so nothing needs settling and the key stays unused. This keeps refusals (most purchases, once a book
     * sells out) as cheap as reads. A key that an order has begun under is never refused here: the first order
     * database, which every write reaches first, is read after the stock, so a request with this key that is
     * buying the last copies is seen and carried on, and answered like it. When the stock read is out of date
     * in the other direction, the catalog's conditional decrement still decides.
     */
    private void refuseEarlyWhenShort(String key, long bookId, int quantity) {
        WebApplicationException refusal;
        try {
            Book book = catalog.book(bookId);
            if (book.stock() >= quantity) {
                lastKnownStock.put(bookId, book.stock());
                return;
            }
            refusal = new OutOfStockException("book " + bookId + " has " + book.stock() + " copies left, "
                    + quantity + " asked for");
        } catch (BookNotFoundException e) {
            refusal = e;
        }
        boolean begun = databases.all().get(0).jdbi().withHandle(handle -> {
            OrderDao dao = handle.attach(OrderDao.class);
            return dao.findPlacement(key).isPresent() || dao.findByKey(key).isPresent();
        });
        if (!begun) {
            throw refusal;
        }
    }

    /**
     * The catalog refused this request, so it did not apply the key then; but another copy of the request (one
     * the catalog went on with after it timed out here, or a concurrent retry) could still apply it. Settling the
     * key at the catalog closes that door: the placement is cancelled and the refusal answered — or, if a copy
     * had bought after all, the order is completed and answered. When the catalog cannot be reached to settle
     * it, the order stays PENDING for the reconciler, and the refusal is answered.
     */
    private Order afterRefusal(String key, long bookId, int quantity, WebApplicationException refused) {
        Optional<Order> settled;
        try {
            settled = resolver.settle(key);
        } catch (UpstreamUnavailableException | CatalogRefusedException e) {
            LOG.warn("the catalog refused key '{}' ({}) and could not settle it ({}); the order stays pending",
                    key, refused.getMessage(), e.getMessage());
            throw refused;
        }
        if (settled.isPresent()) {
            LOG.warn("the catalog refused key '{}' ({}), but an earlier copy of the request had bought: order {}",
                    key, refused.getMessage(), settled.get().orderId());
            return RecordOrder.replay(key, settled.get(), bookId, quantity);
        }
        throw refused;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
