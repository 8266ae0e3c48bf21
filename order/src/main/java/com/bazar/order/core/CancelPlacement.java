package com.bazar.order.core;

import com.bazar.common.db.ReplicaHandle;
import com.bazar.common.db.ReplicatedWrite;
import com.bazar.order.db.OrderDao;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;

/**
 * Marks a pending placement CANCELLED on every order database, once the catalog has settled its key as never
 * applied. A placement already settled is left as it is.
 */
public final class CancelPlacement implements ReplicatedWrite<Optional<Placement>> {
    private static final Logger LOG = LoggerFactory.getLogger(CancelPlacement.class);

    private final String key;
    private final Instant now;

    public CancelPlacement(String key, Instant now) {
        this.key = key;
        this.now = now;
    }

    /** @return the placement as it now stands; empty when there is none under the key */
    @Override
    public Optional<Placement> decide(ReplicaHandle first) {
        OrderDao dao = first.attach(OrderDao.class);
        Optional<Placement> existing = dao.findPlacement(key);
        if (existing.isEmpty()) {
            LOG.warn("no placement under key '{}' to cancel", key);
            return existing;
        }
        Placement placement = existing.get();
        switch (placement.state()) {
            case PENDING -> {
                Placement cancelled = placement.settledAs(PlacementState.CANCELLED, now);
                dao.putPlacement(cancelled);
                return Optional.of(cancelled);
            }
            case COMPLETED -> LOG.error("placement '{}' is COMPLETED, yet the catalog says it never applied the key;"
                    + " the order stands", key);
            case CANCELLED -> {
                // Settled already, by another request or replica.
            }
        }
        return existing;
    }

    @Override
    public void apply(ReplicaHandle replica, Optional<Placement> decided) {
        decided.ifPresent(replica.attach(OrderDao.class)::putPlacement);
    }
}
