package com.bazar.frontend.core;

import com.bazar.common.api.Invalidation;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.util.Duration;
import org.ehcache.Cache;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class FencedResponseCacheTest {
    private static final String DS = "distributed systems";
    private static final String UG = "undergraduate school";

    private final MetricRegistry metrics = new MetricRegistry();
    private final List<ResponseCache> started = new ArrayList<>();

    @AfterEach
    void stopCaches() throws Exception {
        for (ResponseCache cache : started) {
            cache.stop();
        }
    }

    @Test
    void answersAFilledBookFromTheCache() {
        ResponseCache cache = build(new CacheFactory());

        assertThat(cache.info(1)).isEmpty();
        assertThat(cache.fillInfo(1, answer("book 1 v5", 1, 5))).isTrue();

        assertThat(cache.info(1)).map(FencedResponseCacheTest::text).hasValue("book 1 v5");
        assertThat(cache.search(DS)).isEmpty();
        assertThat(meter("info", "hits")).isEqualTo(1);
        assertThat(meter("info", "misses")).isEqualTo(1);
    }

    @Test
    void anInvalidationEvictsTheBookAndItsTopicOnly() throws Exception {
        ResponseCache cache = build(new CacheFactory());
        cache.fillInfo(1, answer("book 1", 1, 5));
        cache.fillInfo(3, answer("book 3", 3, 2));
        cache.fillSearch(DS, answer("ds", 1, 5, 2, 1, 5, 1));
        cache.fillSearch(UG, answer("ug", 3, 2, 4, 1, 6, 1, 7, 1));

        cache.invalidate(new Invalidation(1L, DS, 6L));

        assertThat(cache.info(1)).isEmpty();
        assertThat(cache.search(DS)).isEmpty();
        assertThat(cache.info(3)).map(FencedResponseCacheTest::text).hasValue("book 3");
        assertThat(cache.search(UG)).map(FencedResponseCacheTest::text).hasValue("ug");
        awaitMeter("info", "invalidations", 1);
        awaitMeter("search", "invalidations", 1);
    }

    @Test
    void aFillOlderThanAnInvalidationThatArrivedDuringItsReadIsRefused() {
        ResponseCache cache = build(new CacheFactory());
        // The miss read version 6 from a catalog; before its answer is cached, the catalog commits version 7
        // and invalidates. The late answer must not be cached (its own client still gets it).
        CachedResponse readBeforeTheWrite = answer("book 1 v6", 1, 6);
        cache.invalidate(new Invalidation(1L, DS, 7L));

        assertThat(cache.fillInfo(1, readBeforeTheWrite)).isFalse();
        assertThat(cache.info(1)).isEmpty();
        assertThat(meter("info", "refused-fills")).isEqualTo(1);

        assertThat(cache.fillInfo(1, answer("book 1 v7", 1, 7))).isTrue();
        assertThat(cache.info(1)).map(FencedResponseCacheTest::text).hasValue("book 1 v7");
    }

    @Test
    void theFenceOnlyMovesForward() {
        ResponseCache cache = build(new CacheFactory());
        cache.invalidate(new Invalidation(1L, DS, 8L));
        cache.invalidate(new Invalidation(1L, DS, 7L));

        assertThat(cache.fillInfo(1, answer("book 1 v7", 1, 7))).isFalse();
        assertThat(cache.fillInfo(1, answer("book 1 v8", 1, 8))).isTrue();
    }

    @Test
    void aSearchFillWithOneStaleBookAmongSeveralIsRefused() {
        ResponseCache cache = build(new CacheFactory());
        cache.invalidate(new Invalidation(2L, DS, 4L));

        assertThat(cache.fillSearch(DS, answer("ds, book 2 at v3", 1, 9, 2, 3, 5, 9))).isFalse();
        assertThat(cache.search(DS)).isEmpty();
        assertThat(meter("search", "refused-fills")).isEqualTo(1);

        assertThat(cache.fillSearch(DS, answer("ds, book 2 at v4", 1, 9, 2, 4, 5, 9))).isTrue();
        assertThat(cache.search(DS)).map(FencedResponseCacheTest::text).hasValue("ds, book 2 at v4");
    }

    @Test
    void anInvalidationWaitsForAFillThatHasAlreadyPassedTheFence() throws Exception {
        // A fill that checked the fence before an invalidation must also put before it, or the invalidation's
        // eviction would come first and the stale put stay. The info cache's put is held open to widen the gap.
        CountDownLatch inPut = new CountDownLatch(1);
        CountDownLatch releasePut = new CountDownLatch(1);
        CacheManager manager = CacheManagerBuilder.newCacheManagerBuilder().build(true);
        CacheMetrics infoMetrics = new CacheMetrics(metrics, "info");
        CacheMetrics searchMetrics = new CacheMetrics(metrics, "search");
        Cache<Long, CachedResponse> info = manager.createCache("info",
                new CacheSettings(Duration.seconds(300), 10, 0).toEhcache(Long.class, infoMetrics));
        Cache<String, CachedResponse> search = manager.createCache("search",
                new CacheSettings(Duration.seconds(20), 100, 0).toEhcache(String.class, searchMetrics));
        ResponseCache cache = started(new FencedResponseCache(holdingPuts(info, inPut, releasePut), infoMetrics,
                search, searchMetrics, manager));

        CompletableFuture<Boolean> fill = CompletableFuture.supplyAsync(() -> cache.fillInfo(1, answer("book 1 v6", 1, 6)));
        assertThat(inPut.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> invalidation = CompletableFuture.runAsync(() -> cache.invalidate(new Invalidation(1L, DS, 7L)));
        // Give the invalidation every chance to overtake the held put; it must not.
        Thread.sleep(200);
        assertThat(invalidation).isNotDone();
        releasePut.countDown();

        assertThat(fill.get(5, TimeUnit.SECONDS)).isTrue();
        invalidation.get(5, TimeUnit.SECONDS);
        assertThat(cache.info(1)).isEmpty();
    }

    @Test
    void aDisabledCacheNeverStores() throws Exception {
        CacheFactory factory = new CacheFactory();
        factory.setEnabled(false);
        ResponseCache cache = build(factory);

        assertThat(cache.fillInfo(1, answer("book 1", 1, 1))).isFalse();
        assertThat(cache.fillSearch(DS, answer("ds", 1, 1))).isFalse();

        assertThat(cache.info(1)).isEmpty();
        assertThat(cache.search(DS)).isEmpty();
    }

    @Test
    void aFullHeapTierEvictsAndCountsIt() throws Exception {
        CacheFactory factory = new CacheFactory();
        factory.getInfo().setHeapEntries(2);
        ResponseCache cache = build(factory);

        for (long id = 1; id <= 5; id++) {
            assertThat(cache.fillInfo(id, answer("book " + id, id, 1))).isTrue();
        }

        // Which entries go is Ehcache's sampled choice; only how many stay is certain.
        long kept = LongStream.rangeClosed(1, 5).filter(id -> cache.info(id).isPresent()).count();
        assertThat(kept).isLessThanOrEqualTo(2);
        awaitMeter("info", "evictions", 3);
    }

    @Test
    void anEntryExpiresAfterItsTimeToLive() throws Exception {
        CacheFactory factory = new CacheFactory();
        factory.getSearch().setTimeToLive(Duration.milliseconds(50));
        ResponseCache cache = build(factory);
        cache.fillSearch(DS, answer("ds", 1, 1));

        Thread.sleep(150);

        assertThat(cache.search(DS)).isEmpty();
        awaitMeter("search", "expirations", 1);
    }

    @Test
    void theOffHeapTierKeepsWhatTheHeapTierCannot() {
        CacheFactory factory = new CacheFactory();
        factory.getInfo().setHeapEntries(1);
        factory.getInfo().setOffHeapMb(1);
        ResponseCache cache = build(factory);

        for (long id = 1; id <= 3; id++) {
            cache.fillInfo(id, answer("book " + id, id, 1));
        }

        for (long id = 1; id <= 3; id++) {
            assertThat(cache.info(id)).map(FencedResponseCacheTest::text).hasValue("book " + id);
        }
    }

    @Test
    void theFenceIsKeptThroughAnOffHeapRoundTrip() {
        CacheFactory factory = new CacheFactory();
        factory.getSearch().setHeapEntries(1);
        factory.getSearch().setOffHeapMb(1);
        ResponseCache cache = build(factory);
        cache.fillSearch(DS, answer("ds", 1, 1, 2, 1));
        cache.fillSearch(UG, answer("ug", 3, 1));

        cache.invalidate(new Invalidation(2L, DS, 2L));

        assertThat(cache.search(DS)).isEmpty();
        assertThat(cache.search(UG)).map(FencedResponseCacheTest::text).hasValue("ug");
        assertThat(cache.fillSearch(DS, answer("ds again", 1, 1, 2, 1))).isFalse();
    }

    private ResponseCache build(CacheFactory factory) {
        return started(factory.build(metrics));
    }

    private ResponseCache started(ResponseCache cache) {
        started.add(cache);
        return cache;
    }

    private long meter(String cache, String what) {
        return metrics.meter(MetricRegistry.name("cache", cache, what)).getCount();
    }

    /** Ehcache delivers evictions, expirations and removals asynchronously. */
    private void awaitMeter(String cache, String what, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (meter(cache, what) < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(meter(cache, what)).as("cache.%s.%s", cache, what).isGreaterThanOrEqualTo(atLeast);
    }

    /** A response body with the given (book id, version) pairs. */
    private static CachedResponse answer(String body, long... idVersionPairs) {
        Map<Long, Long> versions = new LinkedHashMap<>();
        for (int i = 0; i < idVersionPairs.length; i += 2) {
            versions.put(idVersionPairs[i], idVersionPairs[i + 1]);
        }
        return new CachedResponse(bytes(body), versions);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The cache, with every put signalling that it started and then waiting to be released. */
    @SuppressWarnings("unchecked")
    private static Cache<Long, CachedResponse> holdingPuts(Cache<Long, CachedResponse> cache, CountDownLatch inPut,
                                                           CountDownLatch release) {
        return (Cache<Long, CachedResponse>) Proxy.newProxyInstance(Cache.class.getClassLoader(),
                new Class<?>[]{Cache.class}, (proxy, method, args) -> {
                    if (method.getName().equals("put")) {
                        inPut.countDown();
                        if (!release.await(5, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("put was never released");
                        }
                    }
                    try {
                        return method.invoke(cache, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static String text(CachedResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
