package com.bazar.order.core;

import com.bazar.common.api.Order;
import com.bazar.common.api.PurchaseCancellation;
import com.bazar.common.db.ReplicatedDatabases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Settles a placement whose outcome this replica cannot know by itself — its process died while the catalog
 * was asked, no catalog answered, or the catalog refused one copy of a request that another copy may still
 * apply — with the one authority on it: the catalog's cancellation of the key. That answers either the purchase
 * applied under the key (the order is then completed from it) or the catalog's promise that no purchase ever
 * will be (the placement is then cancelled). Either way stock and orders agree: no decrement without its
 * order, no order without its decrement.
 */
public final class PlacementResolver {
    private static final Logger LOG = LoggerFactory.getLogger(PlacementResolver.class);

    private final ReplicatedDatabases databases;
    private final CatalogClient catalog;
    private final Clock clock;

    public PlacementResolver(ReplicatedDatabases databases, CatalogClient catalog, Clock clock) {
        this.databases = databases;
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * @return the order, now completed on every order database, when the catalog had applied the key; empty
     *         when the placement is now cancelled
     * @throws CatalogRefusedException the catalog refused the cancellation (nothing changed here)
     * @throws com.bazar.common.client.UpstreamUnavailableException no catalog replica answered (nothing changed)
     */
    public Optional<Order> settle(String key) {
        PurchaseCancellation answer = catalog.cancel(key);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (answer.applied()) {
            RecordOrder.Outcome outcome = databases.write(
                    new RecordOrder(key, OrderDraft.of(answer.book(), answer.quantity(), now)));
            if (outcome.created()) {
                LOG.warn("settled key '{}': the catalog had bought {} of book {}; order {} completed from its answer",
                        key, answer.quantity(), answer.book().id(), outcome.order().orderId());
            }
            return Optional.of(outcome.order());
        }
        Optional<Placement> placement = databases.write(new CancelPlacement(key, now));
        LOG.warn("settled key '{}': the catalog never applied it; order cancelled, nothing bought{}", key,
                placement.map(p -> " (book " + p.bookId() + ", quantity " + p.quantity() + ")").orElse(""));
        return Optional.empty();
    }
}
