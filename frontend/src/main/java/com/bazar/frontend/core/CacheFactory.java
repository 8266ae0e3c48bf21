package com.bazar.frontend.core;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.annotation.JsonMerge;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheManagerBuilder;

/**
 * The {@code cache:} block of the front end's YAML. The defaults are the report's: {@code info} like its
 * {@code local} cache (300 s, 10 entries), {@code search} like its {@code default} cache (20 s, 100 entries).
 * Merged, so a YAML block naming one setting keeps the other defaults of that cache.
 */
public class CacheFactory {
    private static final String INFO = "info";
    private static final String SEARCH = "search";

    private boolean enabled = true;

    @Valid
    @NotNull
    @JsonMerge
    private CacheSettings info = new CacheSettings(Duration.seconds(300), 10, 0);

    @Valid
    @NotNull
    @JsonMerge
    private CacheSettings search = new CacheSettings(Duration.seconds(20), 100, 0);

    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @JsonProperty
    public CacheSettings getInfo() {
        return info;
    }

    @JsonProperty
    public void setInfo(CacheSettings info) {
        this.info = info;
    }

    @JsonProperty
    public CacheSettings getSearch() {
        return search;
    }

    @JsonProperty
    public void setSearch(CacheSettings search) {
        this.search = search;
    }

    /**
     * Builds the caches, ready to use, with their meters in the registry; stopping the result closes the
     * CacheManager. With {@code enabled: false}, a cache that keeps nothing.
     */
    public ResponseCache build(MetricRegistry metrics) {
        if (!enabled) {
            return new DisabledResponseCache();
        }
        CacheMetrics infoMetrics = new CacheMetrics(metrics, INFO);
        CacheMetrics searchMetrics = new CacheMetrics(metrics, SEARCH);
        // Initialised here rather than in start() so the resources can be wired with the caches in run().
        CacheManager manager = CacheManagerBuilder.newCacheManagerBuilder()
                .withCache(INFO, info.toEhcache(Long.class, infoMetrics))
                .withCache(SEARCH, search.toEhcache(String.class, searchMetrics))
                .build(true);
        FencedResponseCache cache = new FencedResponseCache(
                manager.getCache(INFO, Long.class, CachedResponse.class), infoMetrics,
                manager.getCache(SEARCH, String.class, CachedResponse.class), searchMetrics,
                manager);
        metrics.register(MetricRegistry.name("cache", "fence", "books"), (Gauge<Integer>) cache::fencedBooks);
        return cache;
    }
}
