package com.bazar.bench.http;

import com.bazar.bench.http.StoreHttp.Answer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store's calls over HTTP, one request per invocation, against a running store (see {@link StoreAddresses}).
 * These are the figures of {@code ./bazar bench}, which runs each method in sample-time mode (every request
 * timed) with one thread for the report's table (its sequential client), and with 1, 4 and 16 threads and in
 * throughput mode for the rest.
 *
 * <p>{@code via} names who must answer each timed request, read from the {@code X-Bazar-Replica} and
 * {@code X-Bazar-Cache} headers: {@code frontend} (a cache hit), {@code catalog-1} or {@code catalog-2} (for a
 * front end read: a miss served by that replica; for the catalog calls: the replica called), {@code order-1} or
 * {@code order-2}, or {@code any}. The front end sends its misses and its purchases to the replicas in turn; the
 * {@code ...Via} methods therefore send, before each timed request and untimed ({@link NextReplica}), requests
 * until another replica than {@code via} has answered last — with one client the front end's next choice is
 * then {@code via}. A timed request answered by anyone else fails the run: a row is never mis-attributed.
 *
 * <p>Books: reads use book 1 and topic "distributed systems"; writes use books of the other topic, so they never
 * evict what the reads cache: updates add a copy of book 6, purchases buy book {@code buyBook} (7, restocked by
 * the caller; 4 for the sell-out check).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 1, time = 3)
@Fork(1)
@Threads(1)
public class StoreBenchmark {
    public static final long READ_BOOK = 1;
    public static final String READ_TOPIC = "distributed systems";
    public static final long UPDATE_BOOK = 6;
    public static final String UPDATE_TOPIC = "undergraduate school";
    public static final long BUY_BOOK = 7;
    public static final long SELL_OUT_BOOK = 4;

    private static final String ANY = "any";
    private static final String FRONTEND = "frontend";
    private static final String HIT = "hit";
    private static final String MISS = "miss";

    /** Who must answer each timed request: frontend (a cache hit), catalog-1/2, order-1/2, or any. */
    @Param({ANY})
    public String via;

    /** The book the purchase benchmarks buy. */
    @Param({"7"})
    public long buyBook;

    private StoreHttp http;
    private Map<String, String> adminAuth;
    private Map<String, String> internalAuth;
    private String keyPrefix;
    private final AtomicLong keys = new AtomicLong();

    private URI frontendInfo;
    private URI frontendSearch;
    private URI frontendPurchase;
    private URI frontendPing;
    private URI writeOfReadBook;
    private URI invalidations;
    private URI replicaCall;
    private byte[] orderBody;
    private final byte[] purchaseBody = bytes("{\"quantity\":1}");
    private final byte[] updateBody = bytes("{\"stockDelta\":1}");
    private final byte[] touchBody = bytes("{\"stockDelta\":0}");
    private final byte[] invalidationBody = bytes("{\"bookId\":" + UPDATE_BOOK + ",\"topic\":\"" + UPDATE_TOPIC
            + "\",\"version\":1}");

    private String method;
    private volatile boolean measuring;

    @Setup(Level.Trial)
    public void open(BenchmarkParams params) {
        method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        checkVia(params.getThreads());
        StoreAddresses store = StoreAddresses.fromSystemProperties();
        http = new StoreHttp(Math.max(4, params.getThreads() * 2));
        adminAuth = Map.of("Authorization", "Bearer " + store.adminToken());
        internalAuth = Map.of("Authorization", "Bearer " + store.internalToken());
        keyPrefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";

        URI fe = store.frontend();
        frontendInfo = URI.create(fe + "/info/" + READ_BOOK);
        frontendSearch = URI.create(fe + "/search/" + URLEncoder.encode(READ_TOPIC, StandardCharsets.UTF_8)
                .replace("+", "%20"));
        frontendPurchase = URI.create(fe + "/purchase/" + buyBook);
        frontendPing = URI.create(store.frontendAdmin() + "/ping");
        writeOfReadBook = URI.create(store.catalog1() + "/books/" + READ_BOOK);
        invalidations = URI.create(fe + "/internal/invalidations");
        orderBody = bytes("{\"bookId\":" + buyBook + ",\"quantity\":1}");
        replicaCall = switch (method) {
            case "catalogInfo" -> URI.create(store.replica(via) + "/books/" + READ_BOOK);
            case "catalogSearch" -> URI.create(store.replica(via) + "/books?topic="
                    + URLEncoder.encode(READ_TOPIC, StandardCharsets.UTF_8));
            case "catalogUpdate" -> URI.create(store.replica(via) + "/books/" + UPDATE_BOOK);
            case "orderPurchase" -> URI.create(store.replica(via) + "/orders");
            default -> null;
        };
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        http.close();
    }

    /** Warm-up requests are not checked against {@code via}; measured ones are. */
    @Setup(Level.Iteration)
    public void iteration(IterationParams iteration) throws IOException {
        measuring = iteration.getType() == IterationType.MEASUREMENT;
        if (FRONTEND.equals(via)) {
            // The first read of a hit row fills the cache; from then on every read is a hit.
            http.get(method.equals("frontendSearch") ? frontendSearch : frontendInfo);
        }
    }

    // ---- The front end (the public API) ----

    /** GET /info/1 through the front end: via=frontend, every timed read must be a hit; via=any, no check. */
    @Benchmark
    public Answer frontendInfo() throws IOException {
        return checked(http.get(frontendInfo), 200, true);
    }

    /** GET /search/distributed%20systems through the front end (via=frontend or any). */
    @Benchmark
    public Answer frontendSearch() throws IOException {
        return checked(http.get(frontendSearch), 200, true);
    }

    /** GET /info/1, a miss that catalog replica {@code via} answers (lined up, untimed, by {@link NextReplica}). */
    @Benchmark
    public Answer frontendInfoVia(NextReplica next) throws IOException {
        return checked(http.get(frontendInfo), 200, true);
    }

    /** GET /search/distributed%20systems, a miss that catalog replica {@code via} answers. */
    @Benchmark
    public Answer frontendSearchVia(NextReplica next) throws IOException {
        return checked(http.get(frontendSearch), 200, true);
    }

    /** POST /purchase/{buyBook}: front end → order replica → catalog (dual write, invalidation) → order (dual write). */
    @Benchmark
    public Answer frontendPurchase() throws IOException {
        return checked(http.post(frontendPurchase, purchaseBody, Map.of()), 200, false);
    }

    /** POST /purchase/{buyBook} placed by order replica {@code via} (lined up by {@link NextReplica}). */
    @Benchmark
    public Answer frontendPurchaseVia(NextReplica next) throws IOException {
        return checked(http.post(frontendPurchase, purchaseBody, Map.of()), 200, false);
    }

    /** Like {@link #frontendPurchase}, for throughput: counts purchases and sold-out answers (409) apart. */
    @Benchmark
    public Answer frontendPurchaseCounted(PurchaseCounts counts) throws IOException {
        Answer answer = http.post(frontendPurchase, purchaseBody, Map.of());
        if (answer.status() == 200) {
            counts.purchased++;
        } else if (answer.status() == 409) {
            counts.soldOut++;
        } else {
            throw new IllegalStateException("POST " + frontendPurchase + ": " + answer);
        }
        return answer;
    }

    /** GET /info/1 right after a write of book 1 (made untimed by {@link WriteFirst}): the miss it causes. */
    @Benchmark
    public Answer frontendInfoAfterWrite(WriteFirst write) throws IOException {
        Answer answer = checked(http.get(frontendInfo), 200, false);
        if (measuring && !MISS.equals(answer.cache())) {
            throw new IllegalStateException("the read after a write was not a miss: " + answer);
        }
        return answer;
    }

    /** The front end's admin /ping: the bare server on the same process, the baseline of the request path. */
    @Benchmark
    public Answer frontendPing() throws IOException {
        return checked(http.get(frontendPing), 200, false);
    }

    /** POST /internal/invalidations alone: the notification every catalog write sends each front end. */
    @Benchmark
    public Answer invalidation() throws IOException {
        return checked(http.post(invalidations, invalidationBody, internalAuth), 204, false);
    }

    // ---- The replicas, called directly ----

    /** POST /orders on order replica {@code via}, a new Idempotency-Key each time. */
    @Benchmark
    public Answer orderPurchase() throws IOException {
        return checked(http.post(replicaCall, orderBody, Map.of("Idempotency-Key", keyPrefix + keys.incrementAndGet())),
                200, false);
    }

    /** GET /books/1 on catalog replica {@code via}. */
    @Benchmark
    public Answer catalogInfo() throws IOException {
        return checked(http.get(replicaCall), 200, false);
    }

    /** GET /books?topic=distributed%20systems on catalog replica {@code via}. */
    @Benchmark
    public Answer catalogSearch() throws IOException {
        return checked(http.get(replicaCall), 200, false);
    }

    /** PATCH /books/6 {"stockDelta":1} on catalog replica {@code via}: dual write, then the invalidation push. */
    @Benchmark
    public Answer catalogUpdate() throws IOException {
        return checked(http.patch(replicaCall, updateBody, adminAuth), 200, false);
    }

    // ---- Untimed work before each timed request (JMH leaves invocation-level set-up out of the timing) ----

    /** Lines up the front end's turn so that replica {@code via} answers the next request. */
    @State(Scope.Thread)
    public static class NextReplica {
        @Setup(Level.Invocation)
        public void lineUp(StoreBenchmark bench) throws IOException {
            bench.lineUp();
        }
    }

    /** Writes book 1 through catalog-1, which invalidates the front end's entry before it answers. */
    @State(Scope.Thread)
    public static class WriteFirst {
        @Setup(Level.Invocation)
        public void write(StoreBenchmark bench) throws IOException {
            bench.writeReadBook();
        }
    }

    /** Purchases and sold-out answers per second, besides all answers per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class PurchaseCounts {
        public long purchased;
        public long soldOut;
    }

    // ---- Checks and line-up ----

    private Answer checked(Answer answer, int status, boolean frontendRead) {
        if (answer.status() != status) {
            throw new IllegalStateException(method + ": expected HTTP " + status + ", got " + answer);
        }
        if (measuring && !ANY.equals(via) && !answeredAsAsked(answer, frontendRead)) {
            throw new IllegalStateException(method + " via=" + via + ": a timed request was answered by "
                    + answer.replica() + " (cache " + answer.cache() + "); the front end no longer alternates its"
                    + " replicas strictly (a replica in back-off, or another client using the store?)");
        }
        return answer;
    }

    private boolean answeredAsAsked(Answer answer, boolean frontendRead) {
        if (FRONTEND.equals(via)) {
            return HIT.equals(answer.cache());
        }
        return via.equals(answer.replica()) && (!frontendRead || MISS.equals(answer.cache()));
    }

    /** Untimed requests of the same kind, at least one, until another replica than {@code via} has answered. */
    void lineUp() throws IOException {
        for (int attempt = 0; attempt < 4; attempt++) {
            Answer answer = switch (method) {
                case "frontendInfoVia" -> http.get(frontendInfo);
                case "frontendSearchVia" -> http.get(frontendSearch);
                case "frontendPurchaseVia" -> http.post(frontendPurchase, purchaseBody, Map.of());
                default -> throw new IllegalStateException(method + " has nothing to line up");
            };
            if (answer.status() != 200) {
                throw new IllegalStateException(method + ": an untimed request before a timed one failed: " + answer);
            }
            if (answer.replica() != null && !answer.replica().equals(via) && !HIT.equals(answer.cache())) {
                return;
            }
        }
        throw new IllegalStateException(method + " via=" + via + ": no other replica answered in 4 requests");
    }

    void writeReadBook() throws IOException {
        Answer write = http.patch(writeOfReadBook, touchBody, adminAuth);
        if (write.status() != 200) {
            throw new IllegalStateException("the write before the read failed: " + write);
        }
    }

    private void checkVia(int threads) {
        List<String> allowed = switch (method) {
            case "frontendInfo", "frontendSearch" -> List.of(ANY, FRONTEND);
            case "frontendInfoVia", "frontendSearchVia" -> List.of("catalog-1", "catalog-2");
            case "frontendPurchaseVia", "orderPurchase" -> List.of("order-1", "order-2");
            case "catalogInfo", "catalogSearch", "catalogUpdate" -> List.of("catalog-1", "catalog-2");
            default -> List.of(ANY);
        };
        if (!allowed.contains(via)) {
            throw new IllegalArgumentException(method + " takes via=" + String.join("|", allowed) + ", not " + via);
        }
        if (method.endsWith("Via") && threads != 1) {
            throw new IllegalArgumentException(method + " needs one thread: with more, the front end's turn cannot"
                    + " be lined up");
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
