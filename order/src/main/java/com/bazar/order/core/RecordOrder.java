package com.bazar.order.core;

import com.bazar.common.api.Order;
import com.bazar.common.db.ReplicaHandle;
import com.bazar.common.db.ReplicatedWrite;
import com.bazar.order.db.OrderDao;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Records one confirmed order on every order database and marks its placement COMPLETED, in the same
 * transaction on each: the first database (in the lock order) decides the id, the others get the identical
 * rows. Under the write locks, the key is looked up again first, so two requests carrying one key record one
 * order between them.
 */
public final class RecordOrder implements ReplicatedWrite<RecordOrder.Outcome> {
    private static final Logger LOG = LoggerFactory.getLogger(RecordOrder.class);

    private final String key;
    private final OrderDraft draft;

    public RecordOrder(String key, OrderDraft draft) {
        this.key = key;
        this.draft = draft;
    }

    @Override
    public Outcome decide(ReplicaHandle first) {
        OrderDao dao = first.attach(OrderDao.class);
        Optional<Order> earlier = dao.findByKey(key);
        if (earlier.isPresent()) {
            Order order = replay(key, earlier.get(), draft.bookId(), draft.quantity());
            return new Outcome(order, false, completedPlacement(dao, key, order));
        }
        Order order = dao.insert(key, draft);
        return new Outcome(order, true, completedPlacement(dao, key, order));
    }

    @Override
    public void apply(ReplicaHandle replica, Outcome outcome) {
        OrderDao dao = replica.attach(OrderDao.class);
        RecordedOrder row = new RecordedOrder(key, outcome.order());
        if (outcome.created()) {
            dao.insertWithId(row);
        } else {
            // Already decided by an earlier request; a database that missed it (a crash between commits) catches up.
            dao.insertIfAbsent(row);
        }
        dao.putPlacement(outcome.placement());
    }

    /**
     * Makes the placement of {@code order} COMPLETED on this database (creating it for an order placed before
     * placements were recorded) and returns it. The catalog took the stock for this order, so it stands even
     * over a CANCELLED placement — which cannot arise, as the catalog settles each key one way only.
     */
    private static Placement completedPlacement(OrderDao dao, String key, Order order) {
        Optional<Placement> existing = dao.findPlacement(key);
        if (existing.isPresent() && existing.get().state() == PlacementState.COMPLETED) {
            return existing.get();
        }
        if (existing.isPresent() && existing.get().state() == PlacementState.CANCELLED) {
            LOG.error("order {} under key '{}' was bought although its placement was cancelled; the order stands",
                    order.orderId(), key);
        }
        // What was bought is what the catalog applied, so the order's book and quantity stand.
        Placement completed = new Placement(key, order.bookId(), order.quantity(), PlacementState.COMPLETED,
                existing.map(Placement::createdAt).orElse(order.createdAt()), order.createdAt());
        dao.putPlacement(completed);
        return completed;
    }

    /** The order placed earlier under {@code key}, if it is the same order as asked for now; otherwise a 422. */
    static Order replay(String key, Order earlier, long bookId, int quantity) {
        if (earlier.bookId() != bookId || earlier.quantity() != quantity) {
            throw new IdempotencyKeyReusedException("key '" + key + "' placed order " + earlier.orderId()
                    + " for book " + earlier.bookId() + ", quantity " + earlier.quantity()
                    + "; this request asks for book " + bookId + ", quantity " + quantity);
        }
        return earlier;
    }

    /** The order as recorded, whether this write created it (false: it was there already), and its placement. */
    public record Outcome(Order order, boolean created, Placement placement) {
    }
}
