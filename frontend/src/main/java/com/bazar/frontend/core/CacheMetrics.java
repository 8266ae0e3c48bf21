package com.bazar.frontend.core;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import org.ehcache.event.CacheEvent;
import org.ehcache.event.CacheEventListener;

/**
 * The meters of one cache on the admin port, named {@code cache.<name>.<what>}. Hits, misses, fills and refused
 * fills are marked by the caller; evictions, expirations and invalidations come from Ehcache's events, which
 * are delivered asynchronously and so may lag the request that caused them by a moment.
 */
final class CacheMetrics implements CacheEventListener<Object, Object> {
    private final Meter hits;
    private final Meter misses;
    private final Meter fills;
    private final Meter refusedFills;
    private final Meter evictions;
    private final Meter expirations;
    private final Meter invalidations;

    CacheMetrics(MetricRegistry registry, String cacheName) {
        this.hits = registry.meter(MetricRegistry.name("cache", cacheName, "hits"));
        this.misses = registry.meter(MetricRegistry.name("cache", cacheName, "misses"));
        this.fills = registry.meter(MetricRegistry.name("cache", cacheName, "fills"));
        this.refusedFills = registry.meter(MetricRegistry.name("cache", cacheName, "refused-fills"));
        this.evictions = registry.meter(MetricRegistry.name("cache", cacheName, "evictions"));
        this.expirations = registry.meter(MetricRegistry.name("cache", cacheName, "expirations"));
        this.invalidations = registry.meter(MetricRegistry.name("cache", cacheName, "invalidations"));
    }

    void hit() {
        hits.mark();
    }

    void miss() {
        misses.mark();
    }

    void filled() {
        fills.mark();
    }

    void refused() {
        refusedFills.mark();
    }

    @Override
    public void onEvent(CacheEvent<?, ?> event) {
        switch (event.getType()) {
            case EVICTED -> evictions.mark();
            case EXPIRED -> expirations.mark();
            // Only invalidations remove entries explicitly, so a removal is an invalidation that found its entry.
            case REMOVED -> invalidations.mark();
            default -> {
                // Not subscribed to the other event types.
            }
        }
    }
}
