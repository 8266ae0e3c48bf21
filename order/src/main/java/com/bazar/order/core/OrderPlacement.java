package com.bazar.order.core;

import com.bazar.common.api.Order;
import com.bazar.common.api.OrderRequest;
import com.bazar.common.db.ReplicatedDatabases;
import com.bazar.order.db.OrderDao;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Places an order: buys the copies from a catalog replica, then records the order on every order database.
 * The idempotency key travels to the catalog too, so a request repeated after any failure, on either order
 * replica, buys once and answers with the one order.
 */
public final class OrderPlacement {
    private static final Logger LOG = LoggerFactory.getLogger(OrderPlacement.class);

    private final ReplicatedDatabases databases;
    private final CatalogClient catalog;
    private final Clock clock;

    public OrderPlacement(ReplicatedDatabases databases, CatalogClient catalog, Clock clock) {
        this.databases = databases;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** @param key a checked idempotency key (the caller's, or a fresh one) */
    public Order place(String key, OrderRequest request) {
        Optional<Order> earlier = databases.read(handle -> handle.attach(OrderDao.class).findByKey(key));
        if (earlier.isPresent()) {
            Order order = RecordOrder.replay(key, earlier.get(), request.bookId(), request.quantity());
            LOG.info("order {} already placed under this Idempotency-Key; answered again, nothing bought", order.orderId());
            return order;
        }

        CatalogPurchase purchase = catalog.purchase(request.bookId(), request.quantity(), key);
        OrderDraft draft = OrderDraft.of(purchase.book(), request.quantity(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        RecordOrder.Outcome outcome = databases.write(new RecordOrder(key, draft));

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
}
