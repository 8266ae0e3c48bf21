package com.bazar.order.core;

import com.bazar.common.api.Order;
import com.bazar.common.db.ReplicaHandle;
import com.bazar.common.db.ReplicatedWrite;
import com.bazar.order.db.OrderDao;

import java.time.Instant;
import java.util.Optional;

/**
 * The first step of placing an order, on every order database, before the catalog is asked: records the order
 * as PENDING under its key — or, when the key is known already, finds where it stands (a completed order, a
 * pending one that this request carries on, or a cancelled one). Decided on the first database under the
 * write locks; the other databases get the first one's rows, so one that missed them catches up.
 *
 * <p>An order placed before placements were recorded has none: this then records it PENDING, and the catalog's
 * answer to the key (applied once already) completes it again as the same order.
 */
public final class BeginPlacement implements ReplicatedWrite<BeginPlacement.Outcome> {
    private final String key;
    private final long bookId;
    private final int quantity;
    private final Instant now;

    public BeginPlacement(String key, long bookId, int quantity, Instant now) {
        this.key = key;
        this.bookId = bookId;
        this.quantity = quantity;
        this.now = now;
    }

    @Override
    public Outcome decide(ReplicaHandle first) {
        OrderDao dao = first.attach(OrderDao.class);
        Placement pending = Placement.pending(key, bookId, quantity, now);
        if (dao.insertPlacementIfAbsent(pending)) {
            return new Outcome(pending, Optional.empty());
        }
        Placement placement = dao.findPlacement(key).orElseThrow();
        if (!placement.isFor(bookId, quantity)) {
            throw new IdempotencyKeyReusedException("key '" + key + "' is placing an order for book "
                    + placement.bookId() + ", quantity " + placement.quantity() + " (" + placement.state()
                    + "); this request asks for book " + bookId + ", quantity " + quantity);
        }
        if (placement.state() == PlacementState.COMPLETED) {
            Order order = dao.findByKey(key).orElseThrow(() -> new IllegalStateException("placement '" + key
                    + "' is COMPLETED but its order is missing"));
            return new Outcome(placement, Optional.of(order));
        }
        // PENDING: this request carries it on (a retry); CANCELLED: refused by the caller.
        return new Outcome(placement, Optional.empty());
    }

    @Override
    public void apply(ReplicaHandle replica, Outcome outcome) {
        OrderDao dao = replica.attach(OrderDao.class);
        outcome.order().ifPresent(order -> dao.insertIfAbsent(new RecordedOrder(key, order)));
        dao.putPlacement(outcome.placement());
    }

    /** The placement as it stands on the first database, and its order when it is completed. */
    public record Outcome(Placement placement, Optional<Order> order) {
    }
}
