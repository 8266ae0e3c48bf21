package com.bazar.frontend.core;

import com.bazar.common.api.Invalidation;
import org.ehcache.Cache;

import java.io.Closeable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The two Ehcache caches behind a version fence (DESIGN §5).
 *
 * <p>The fence remembers, per book, the newest version an invalidation announced. It lives outside Ehcache so
 * that no eviction can forget it. A fill (caching the answer of a miss) is refused when any book in it is older
 * than its fence: the read behind it began before a write that has since been acknowledged, and caching it
 * would serve the old stock or price to every later reader.
 *
 * <p>Check and put must be one step with respect to invalidations; otherwise a fill could check (fine), an
 * invalidation raise the fence and evict, and the fill then put the stale answer. Fills therefore check and
 * put under the read lock (they still run concurrently with each other), invalidations raise the fence and
 * evict under the write lock. Hits take no lock: an invalidation has evicted the entry before the write it
 * announces is acknowledged, so any read that starts after that acknowledgement misses.
 *
 * <p>Ehcache's heap tier evicts by sampling, not by exact LRU: when full, it looks at a small sample of
 * entries and drops the least recently used of those, so the victim is a cold entry but not necessarily the
 * coldest. Nothing here relies on which entry goes.
 *
 * <p>The fence holds one entry per book ever invalidated (two longs), bounded by the size of the catalog.
 */
final class FencedResponseCache implements ResponseCache {
    private final Cache<Long, CachedResponse> info;
    private final CacheMetrics infoMetrics;
    private final Cache<String, CachedResponse> search;
    private final CacheMetrics searchMetrics;
    private final Closeable resources;
    private final Map<Long, Long> fence = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    FencedResponseCache(Cache<Long, CachedResponse> info, CacheMetrics infoMetrics,
                        Cache<String, CachedResponse> search, CacheMetrics searchMetrics, Closeable resources) {
        this.info = info;
        this.infoMetrics = infoMetrics;
        this.search = search;
        this.searchMetrics = searchMetrics;
        this.resources = resources;
    }

    @Override
    public Optional<CachedResponse> info(long bookId) {
        return lookup(info, bookId, infoMetrics);
    }

    @Override
    public Optional<CachedResponse> search(String topic) {
        return lookup(search, topic, searchMetrics);
    }

    @Override
    public boolean fillInfo(long bookId, CachedResponse answer) {
        return fill(info, bookId, answer, infoMetrics);
    }

    @Override
    public boolean fillSearch(String topic, CachedResponse answer) {
        return fill(search, topic, answer, searchMetrics);
    }

    @Override
    public void invalidate(Invalidation invalidation) {
        Lock write = lock.writeLock();
        write.lock();
        try {
            // The fence only moves forward: invalidations of one book may arrive out of order.
            fence.merge(invalidation.bookId(), invalidation.version(), Math::max);
            info.remove(invalidation.bookId());
            search.remove(invalidation.topic());
        } finally {
            write.unlock();
        }
    }

    /** How many books the fence remembers, for the admin port. */
    int fencedBooks() {
        return fence.size();
    }

    @Override
    public void stop() throws Exception {
        resources.close();
    }

    private static <K> Optional<CachedResponse> lookup(Cache<K, CachedResponse> cache, K key, CacheMetrics metrics) {
        CachedResponse value = cache.get(key);
        if (value == null) {
            metrics.miss();
            return Optional.empty();
        }
        metrics.hit();
        return Optional.of(value);
    }

    private <K> boolean fill(Cache<K, CachedResponse> cache, K key, CachedResponse answer, CacheMetrics metrics) {
        Lock read = lock.readLock();
        read.lock();
        try {
            if (answer.isOlderThan(fence)) {
                metrics.refused();
                return false;
            }
            cache.put(key, answer);
        } finally {
            read.unlock();
        }
        metrics.filled();
        return true;
    }
}
