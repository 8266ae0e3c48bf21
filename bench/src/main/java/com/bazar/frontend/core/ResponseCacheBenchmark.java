package com.bazar.frontend.core;

import com.bazar.bench.support.Books;
import com.bazar.common.api.Book;
import com.bazar.common.api.Invalidation;
import com.bazar.common.client.UpstreamResponse;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The front end's cache, in process: a hit (the lookup that returns the cached response bytes) and a miss fill
 * (reading the ids and versions out of the catalog's answer with {@link VersionReader}, checking them against
 * the version fence and putting the entry). The caches are built by {@link CacheFactory} with the YAML
 * defaults (Ehcache heap tier, the report's sizes); every book has a fence entry, as after invalidations, so
 * the fence check compares real versions. In this package because the cache and the reader are package-private.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ResponseCacheBenchmark {
    private static final String TOPIC = "distributed systems";

    private ResponseCache cache;
    private VersionReader versions;
    private UpstreamResponse bookAnswer;
    private UpstreamResponse topicAnswer;

    @Setup
    public void setUp() throws JsonProcessingException {
        ObjectMapper mapper = Jackson.newObjectMapper();
        cache = new CacheFactory().build(new MetricRegistry());
        versions = new VersionReader(mapper);
        List<Book> books = Books.all(mapper);
        for (Book book : books) {
            cache.invalidate(new Invalidation(book.id(), book.topic(), book.version()));
        }
        bookAnswer = new UpstreamResponse("catalog-1", 200, mapper.writeValueAsBytes(books.get(0)));
        topicAnswer = new UpstreamResponse("catalog-1", 200, mapper.writeValueAsBytes(Books.ofTopic(mapper, TOPIC)));
        if (!cache.fillInfo(1, versions.book(1, bookAnswer)) || !cache.fillSearch(TOPIC, versions.topic(TOPIC, topicAnswer).orElseThrow())) {
            throw new IllegalStateException("the cache refused the first fills");
        }
    }

    @TearDown
    public void tearDown() throws Exception {
        cache.stop();
    }

    /** GET /info/1 answered from the cache: the bytes to send. */
    @Benchmark
    public byte[] infoHit() {
        return cache.info(1).orElseThrow().body();
    }

    /** GET /search/{topic} answered from the cache. */
    @Benchmark
    public byte[] searchHit() {
        return cache.search(TOPIC).orElseThrow().body();
    }

    /** After a miss: the catalog's answer for one book read for its version, checked against the fence, cached. */
    @Benchmark
    public boolean infoMissFill() {
        return cache.fillInfo(1, versions.book(1, bookAnswer));
    }

    /** After a miss: a topic's answer (three books) read, checked and cached. */
    @Benchmark
    public boolean searchMissFill() {
        return cache.fillSearch(TOPIC, versions.topic(TOPIC, topicAnswer).orElseThrow());
    }
}
