package com.bazar.order.core;

import com.bazar.common.api.Order;
import com.bazar.common.db.ReplicatedWrite;
import com.bazar.order.db.OrderDao;
import org.jdbi.v3.core.Handle;

import java.util.Optional;

/**
 * Records one confirmed order on every order database: the first one (in the lock order) decides the id, the
 * others get the identical row. Under the write locks, the key is looked up again first, so two requests
 * carrying one key record one order between them.
 */
public final class RecordOrder implements ReplicatedWrite<RecordOrder.Outcome> {
    private final String key;
    private final OrderDraft draft;

    public RecordOrder(String key, OrderDraft draft) {
        this.key = key;
        this.draft = draft;
    }

    @Override
    public Outcome decide(Handle first) {
        OrderDao dao = first.attach(OrderDao.class);
        Optional<Order> earlier = dao.findByKey(key);
        if (earlier.isPresent()) {
            return new Outcome(replay(key, earlier.get(), draft.bookId(), draft.quantity()), false);
        }
        return new Outcome(dao.insert(key, draft), true);
    }

    @Override
    public void apply(Handle replica, Outcome outcome) {
        OrderDao dao = replica.attach(OrderDao.class);
        RecordedOrder row = new RecordedOrder(key, outcome.order());
        if (outcome.created()) {
            dao.insertWithId(row);
        } else {
            // Already decided by an earlier request; a database that missed it (a crash between commits) catches up.
            dao.insertIfAbsent(row);
        }
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

    /** The order as recorded, and whether this write created it (false: it was there already). */
    public record Outcome(Order order, boolean created) {
    }
}
