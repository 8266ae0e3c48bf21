package com.bazar.frontend.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.ehcache.config.CacheConfiguration;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheEventListenerConfigurationBuilder;
import org.ehcache.config.builders.ExpiryPolicyBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.MemoryUnit;
import org.ehcache.event.CacheEventListener;
import org.ehcache.event.EventType;

import java.util.concurrent.TimeUnit;

/**
 * One cache in YAML: how long an entry lives at most, how many entries the heap tier holds (sized in entries,
 * since Ehcache cannot size our values in bytes on the heap), and the off-heap tier in MB (0: no such tier).
 */
public class CacheSettings {
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    private Duration timeToLive;

    @Min(1)
    private long heapEntries;

    @Min(0)
    private long offHeapMb;

    public CacheSettings() {
        this(Duration.seconds(20), 100, 0);
    }

    public CacheSettings(Duration timeToLive, long heapEntries, long offHeapMb) {
        this.timeToLive = timeToLive;
        this.heapEntries = heapEntries;
        this.offHeapMb = offHeapMb;
    }

    @JsonProperty
    public Duration getTimeToLive() {
        return timeToLive;
    }

    @JsonProperty
    public void setTimeToLive(Duration timeToLive) {
        this.timeToLive = timeToLive;
    }

    @JsonProperty
    public long getHeapEntries() {
        return heapEntries;
    }

    @JsonProperty
    public void setHeapEntries(long heapEntries) {
        this.heapEntries = heapEntries;
    }

    @JsonProperty
    public long getOffHeapMb() {
        return offHeapMb;
    }

    @JsonProperty
    public void setOffHeapMb(long offHeapMb) {
        this.offHeapMb = offHeapMb;
    }

    <K> CacheConfiguration<K, CachedResponse> toEhcache(Class<K> keyType, CacheEventListener<Object, Object> listener) {
        ResourcePoolsBuilder pools = ResourcePoolsBuilder.heap(heapEntries);
        if (offHeapMb > 0) {
            pools = pools.offheap(offHeapMb, MemoryUnit.MB);
        }
        return CacheConfigurationBuilder.newCacheConfigurationBuilder(keyType, CachedResponse.class, pools)
                .withExpiry(ExpiryPolicyBuilder.timeToLiveExpiration(timeToLive.toJavaDuration()))
                .withService(CacheEventListenerConfigurationBuilder
                        .newEventListenerConfiguration(listener, EventType.EVICTED, EventType.EXPIRED, EventType.REMOVED)
                        .unordered().asynchronous().build())
                .build();
    }
}
