package com.bazar.e2e;

import com.bazar.common.api.Book;
import com.bazar.common.api.Order;
import com.fasterxml.jackson.core.type.TypeReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3, point 2: once a purchase or an update has been answered, no later read through the front end shows
 * the old stock or price, with caching on and both catalog replicas serving reads.
 *
 * <p>The front end reaches each catalog replica through a {@link TcpProxy}, normally a transparent relay; the
 * fill-race test uses it to hold a catalog's answer until a newer write has been acknowledged.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class NoStaleReadIT {
    private static final TypeReference<List<Book>> BOOKS = new TypeReference<>() {
    };
    private static final Duration LOAD = Duration.ofSeconds(15);
    private static final int READERS = 6;
    private static final int PURCHASERS = 2;
    private static final int UPDATERS = 1;

    private static RunningStore store;
    private static final List<TcpProxy> proxies = new ArrayList<>();
    private final Http http = new Http();

    @BeforeAll
    static void startStore() throws Exception {
        store = RunningStore.prepare(Map.of());
        try {
            for (String catalog : List.of("catalog-1", "catalog-2")) {
                TcpProxy proxy = new TcpProxy(store.appPort(catalog));
                proxies.add(proxy);
                store.setEnvironment("frontend", "BAZAR_" + catalog.toUpperCase().replace('-', '_') + "_PORT",
                        String.valueOf(proxy.port()));
            }
            store.startAll();
        } catch (Exception | Error e) {
            stopStore();
            throw e;
        }
    }

    @AfterAll
    static void stopStore() {
        if (store != null) {
            store.close();
        }
        proxies.forEach(TcpProxy::close);
    }

    /**
     * The fill race, made to happen: a miss reads book 7 (version v) from a catalog, and its answer is held on
     * the way back; meanwhile an update makes version v+1, whose invalidation reaches the front end and is
     * acknowledged; then the old answer arrives. The front end passes it to the reader that asked before the
     * update, but must not cache it, or every later reader would see the old price.
     */
    @Test
    void a_aMissAnsweredAfterTheInvalidationOfANewerVersionIsNotCached() throws Exception {
        long book = 7;
        String search = "/search/undergraduate%20school";
        Book before = http.get(store.app("catalog-1", "/books/" + book)).as(Book.class);
        long refusedInfo = refusedFills("info");
        long refusedSearch = refusedFills("search");

        proxies.forEach(TcpProxy::hold);
        CompletableFuture<Http.Reply> info;
        CompletableFuture<Http.Reply> list;
        Http.Reply updated;
        try {
            info = CompletableFuture.supplyAsync(() -> http.get(store.frontend("/info/" + book)));
            list = CompletableFuture.supplyAsync(() -> http.get(store.frontend(search)));
            awaitHeldAnswers(2);
            // Both catalogs have answered with version v; the answers wait in the relays. Now the update:
            updated = http.patch(store.app("catalog-2", "/books/" + book), "{\"price\":\"77.70\"}",
                    "Authorization", Http.ADMIN);
        } finally {
            proxies.forEach(TcpProxy::release);
        }
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        Book after = updated.as(Book.class);
        assertThat(after.version()).isEqualTo(before.version() + 1);

        // The two reads began before the update was acknowledged: they may, and here do, show version v.
        Http.Reply oldInfo = info.get(10, TimeUnit.SECONDS);
        Http.Reply oldList = list.get(10, TimeUnit.SECONDS);
        assertThat(oldInfo.header("X-Bazar-Cache")).isEqualTo("miss");
        assertThat(oldInfo.as(Book.class)).isEqualTo(before);
        assertThat(inList(oldList, book)).isEqualTo(before);
        // ... and the front end refused to cache them.
        assertThat(refusedFills("info")).isEqualTo(refusedInfo + 1);
        assertThat(refusedFills("search")).isEqualTo(refusedSearch + 1);

        // Every read after the acknowledgement shows the update: a miss first (nothing was cached), then hits.
        Http.Reply missInfo = http.get(store.frontend("/info/" + book));
        assertThat(missInfo.header("X-Bazar-Cache")).isEqualTo("miss");
        assertThat(missInfo.as(Book.class)).isEqualTo(after);
        Http.Reply hitInfo = http.get(store.frontend("/info/" + book));
        assertThat(hitInfo.header("X-Bazar-Cache")).isEqualTo("hit");
        assertThat(hitInfo.as(Book.class)).isEqualTo(after);
        Http.Reply missList = http.get(store.frontend(search));
        assertThat(missList.header("X-Bazar-Cache")).isEqualTo("miss");
        assertThat(inList(missList, book)).isEqualTo(after);
        Http.Reply hitList = http.get(store.frontend(search));
        assertThat(hitList.header("X-Bazar-Cache")).isEqualTo("hit");
        assertThat(inList(hitList, book)).isEqualTo(after);
        System.out.printf("NoStaleReadIT fill race: answers of v%d held until v%d was acknowledged; refused fills"
                        + " info %d -> %d, search %d -> %d; next reads: miss v%d then hit v%d%n", before.version(),
                after.version(), refusedInfo, refusedFills("info"), refusedSearch, refusedFills("search"),
                missInfo.as(Book.class).version(), hitInfo.as(Book.class).version());
    }

    /**
     * Readers and writers at once, for a bounded time. Each writer publishes what an acknowledged write makes
     * certain: an update's version (versions only grow), a purchase's remaining stock (stock only falls here:
     * nothing restocks during the run). A reader notes those bounds for the books it asks about before it
     * sends its request, so any write they reflect was acknowledged before the read began; its answer must
     * show that write or a later one.
     */
    @Test
    void b_noReadStartedAfterAnAcknowledgedWriteShowsAnOlderBook() throws Exception {
        Map<Long, Bound> bounds = new LinkedHashMap<>();
        Map<String, List<Long>> topics = new LinkedHashMap<>();
        for (long id = 1; id <= 7; id++) {
            Http.Reply stocked = http.patch(store.frontend("/books/" + id), "{\"stock\":1000000}", "Authorization", Http.ADMIN);
            assertThat(stocked.status()).as(stocked.toString()).isEqualTo(200);
            Book book = stocked.as(Book.class);
            bounds.put(id, new Bound(book.version(), book.stock()));
            topics.computeIfAbsent(book.topic(), t -> new ArrayList<>()).add(id);
        }
        List<String> topicNames = List.copyOf(topics.keySet());
        long refusedBefore = refusedFills("info") + refusedFills("search");

        LongAdder infoReads = new LongAdder();
        LongAdder searchReads = new LongAdder();
        LongAdder hits = new LongAdder();
        LongAdder purchases = new LongAdder();
        LongAdder updates = new LongAdder();
        LongAdder failures = new LongAdder();
        LongAdder violations = new LongAdder();
        ConcurrentLinkedQueue<String> examples = new ConcurrentLinkedQueue<>();
        long deadline = System.nanoTime() + LOAD.toNanos();

        ExecutorService threads = Executors.newFixedThreadPool(READERS + PURCHASERS + UPDATERS);
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            running.add(CompletableFuture.runAsync(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < deadline) {
                    boolean info = random.nextBoolean();
                    long id = 1 + random.nextInt(7);
                    String topic = topicNames.get(random.nextInt(topicNames.size()));
                    List<Long> asked = info ? List.of(id) : topics.get(topic);
                    Map<Long, Bound> noted = new LinkedHashMap<>();
                    asked.forEach(b -> noted.put(b, bounds.get(b).snapshot()));
                    Http.Reply reply;
                    try {
                        reply = http.get(store.frontend(info ? "/info/" + id : "/search/" + topic.replace(" ", "%20")));
                    } catch (RuntimeException e) {
                        failures.increment();
                        examples.add("read failed: " + e);
                        continue;
                    }
                    (info ? infoReads : searchReads).increment();
                    if (reply.status() != 200) {
                        failures.increment();
                        examples.add("read answered " + reply);
                        continue;
                    }
                    if ("hit".equals(reply.header("X-Bazar-Cache"))) {
                        hits.increment();
                    }
                    List<Book> shown = info ? List.of(reply.as(Book.class)) : reply.as(BOOKS);
                    for (Book book : shown) {
                        Bound bound = noted.get(book.id());
                        if (book.version() < bound.version() || book.stock() > bound.stock()) {
                            violations.increment();
                            if (examples.size() < 20) {
                                examples.add("stale " + reply.header("X-Bazar-Cache") + " read of book " + book.id()
                                        + ": version " + book.version() + ", stock " + book.stock()
                                        + "; acknowledged before the read: version >= " + bound.version()
                                        + ", stock <= " + bound.stock());
                            }
                        }
                    }
                }
            }, threads));
        }
        for (int i = 0; i < PURCHASERS; i++) {
            running.add(CompletableFuture.runAsync(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < deadline) {
                    long id = 1 + random.nextInt(7);
                    Http.Reply reply = http.post(store.frontend("/purchase/" + id), null);
                    if (reply.status() != 200) {
                        failures.increment();
                        examples.add("purchase answered " + reply);
                        continue;
                    }
                    bounds.get(id).purchased(reply.as(Order.class).remainingStock());
                    purchases.increment();
                    pause(5);
                }
            }, threads));
        }
        for (int i = 0; i < UPDATERS; i++) {
            running.add(CompletableFuture.runAsync(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < deadline) {
                    long id = 1 + random.nextInt(7);
                    String price = (10 + random.nextInt(90)) + "." + (10 + random.nextInt(90));
                    Http.Reply reply = http.patch(store.frontend("/books/" + id), "{\"price\":\"" + price + "\"}",
                            "Authorization", Http.ADMIN);
                    if (reply.status() != 200) {
                        failures.increment();
                        examples.add("update answered " + reply);
                        continue;
                    }
                    bounds.get(id).updated(reply.as(Book.class).version());
                    updates.increment();
                    pause(5);
                }
            }, threads));
        }
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(LOAD.toSeconds() + 90, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }

        long reads = infoReads.sum() + searchReads.sum();
        long refused = refusedFills("info") + refusedFills("search") - refusedBefore;
        System.out.printf("NoStaleReadIT load: %d s, %d readers, %d purchasers, %d updaters: %d reads (%d info, %d search),"
                        + " %d cache hits (%.0f%%), %d acknowledged writes (%d purchases, %d price updates),"
                        + " %d refused fills, %d failures, %d stale reads%n", LOAD.toSeconds(), READERS, PURCHASERS,
                UPDATERS, reads, infoReads.sum(), searchReads.sum(), hits.sum(), 100.0 * hits.sum() / Math.max(1, reads),
                purchases.sum() + updates.sum(), purchases.sum(), updates.sum(), refused, failures.sum(), violations.sum());
        examples.forEach(example -> System.out.println("  " + example));

        assertThat(violations.sum()).as("reads that showed a book older than an acknowledged write").isZero();
        assertThat(failures.sum()).as("failed requests").isZero();
        assertThat(reads).as("reads").isGreaterThan(500);
        assertThat(hits.sum()).as("cache hits").isPositive();
        assertThat(purchases.sum()).as("purchases").isPositive();
        assertThat(updates.sum()).as("updates").isPositive();
        for (String name : List.of("catalog-1", "order-1")) {
            RunningStore.CommandResult check = store.checkReplicas(name);
            assertThat(check.exitCode()).as(check.output()).isZero();
        }
    }

    /** What acknowledged writes make certain about one book: its version at least this, its stock at most that. */
    private static final class Bound {
        private final AtomicLong version;
        private final AtomicLong stock;

        Bound(long version, long stock) {
            this.version = new AtomicLong(version);
            this.stock = new AtomicLong(stock);
        }

        void updated(long acknowledgedVersion) {
            version.accumulateAndGet(acknowledgedVersion, Math::max);
        }

        void purchased(long remainingStock) {
            stock.accumulateAndGet(remainingStock, Math::min);
        }

        Bound snapshot() {
            return new Bound(version.get(), stock.get());
        }

        long version() {
            return version.get();
        }

        long stock() {
            return stock.get();
        }
    }

    private long refusedFills(String cache) {
        return AdminMetrics.meterCount(http, store.admin("frontend", "/metrics"), "cache." + cache + ".refused-fills");
    }

    private static Book inList(Http.Reply reply, long id) {
        return reply.as(BOOKS).stream().filter(b -> b.id() == id).findFirst()
                .orElseThrow(() -> new AssertionError("book " + id + " not in " + reply));
    }

    private static void awaitHeldAnswers(int answers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (proxies.stream().mapToInt(TcpProxy::held).sum() < answers) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the catalogs' answers did not reach the relays within 10 s");
            }
            Thread.sleep(5);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
