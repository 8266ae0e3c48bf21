package com.bazar.order.core;

import com.bazar.common.client.UpstreamUnavailableException;
import com.bazar.common.db.ReplicatedDatabases;
import com.bazar.order.db.OrderDao;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Settles orders left PENDING for longer than the grace period — their request died with its process, or no
 * catalog answered it — at start-up before serving, and then periodically. The grace period leaves alone a
 * request still in flight; settling one anyway is safe, only unkind (that request is then refused as cancelled,
 * or answered with the order the catalog completed).
 */
public final class PendingOrderReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(PendingOrderReconciler.class);

    private final ReplicatedDatabases databases;
    private final PlacementResolver resolver;
    private final Clock clock;
    private final Duration grace;

    public PendingOrderReconciler(ReplicatedDatabases databases, PlacementResolver resolver, Clock clock, Duration grace) {
        this.databases = databases;
        this.resolver = resolver;
        this.clock = clock;
        this.grace = grace;
    }

    /**
     * Settles, oldest first, every placement of this replica's own database pending since before the grace
     * period. Stops at the first that the catalog cannot settle now (unreachable, or refusing), leaving it and
     * the rest for the next run.
     *
     * @return how many were settled
     */
    public int settleStale() {
        Instant cutoff = clock.instant().minus(grace);
        List<Placement> stale = databases.read(handle -> handle.attach(OrderDao.class).placementsIn(PlacementState.PENDING))
                .stream().filter(p -> p.createdAt().isBefore(cutoff)).toList();
        if (stale.isEmpty()) {
            return 0;
        }
        LOG.warn("{} order(s) pending for longer than {}s: settling them with the catalog", stale.size(), grace.toSeconds());
        int settled = 0;
        for (Placement placement : stale) {
            try {
                resolver.settle(placement.key());
                settled++;
            } catch (UpstreamUnavailableException | CatalogRefusedException e) {
                LOG.warn("cannot settle pending orders now, {} left for the next run: {}", stale.size() - settled,
                        e.getMessage());
                break;
            }
        }
        return settled;
    }

    /** For the periodic task: a failure is logged and the next run tries again (the schedule must not stop). */
    public void settleStaleLoggingFailures() {
        try {
            settleStale();
        } catch (RuntimeException e) {
            LOG.error("settling pending orders failed; the next run tries again", e);
        }
    }
}
