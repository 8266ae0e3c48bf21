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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3, point 3: catalog-2 and order-2 are killed with kill -9 in the middle of a mixed load of reads and
 * purchases through the front end, then restarted. Reads never fail (the front end fails over); every purchase
 * ends in an order or a clear JSON error; a purchase repeated with its Idempotency-Key buys once; no
 * acknowledged order is lost; the stock adds up; the restarted replicas serve only repaired data, and
 * check-replicas finds identical databases.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class ReplicaCrashIT {
    private static final List<Long> BOOKS = List.of(1L, 2L);
    private static final int INITIAL_STOCK = 100_000;
    private static final int READERS = 4;
    private static final int PURCHASERS = 4;
    private static final Duration BEFORE_CRASH = Duration.ofSeconds(3);
    private static final Duration OUTAGE = Duration.ofSeconds(5);
    private static final Duration AFTER_RESTART = Duration.ofSeconds(3);
    /** A purchase that keeps failing is repeated with its key for at most this long. */
    private static final Duration RESOLVE_WITHIN = Duration.ofSeconds(60);
    private static final TypeReference<List<Book>> BOOK_LIST = new TypeReference<>() {
    };
    private static final TypeReference<List<Order>> ORDER_LIST = new TypeReference<>() {
    };

    private static RunningStore store;
    private final Http http = new Http();
    private final AtomicBoolean stop = new AtomicBoolean();

    @BeforeAll
    static void startStore() throws Exception {
        store = RunningStore.start(Map.of());
    }

    @AfterAll
    static void stopStore() {
        if (store != null) {
            store.close();
        }
    }

    private enum Phase { BEFORE, OUTAGE, RESTARTING, AFTER }

    /** One purchase as its client saw it: its key, what it asked for, and every answer until it was settled. */
    private record Purchase(String key, long bookId, int quantity, List<Integer> answers, Order order) {
    }

    @Test
    void a_killingACatalogAndAnOrderReplicaUnderLoadLosesNothingAndBuysNothingTwice() throws Exception {
        for (long id : BOOKS) {
            Http.Reply stocked = http.patch(store.frontend("/books/" + id), "{\"stock\":" + INITIAL_STOCK + "}",
                    "Authorization", Http.ADMIN);
            assertThat(stocked.status()).as(stocked.toString()).isEqualTo(200);
        }

        AtomicReference<Phase> phase = new AtomicReference<>(Phase.BEFORE);
        Map<Phase, Map<String, AtomicInteger>> readsServed = new ConcurrentHashMap<>();
        Map<Phase, Map<String, AtomicInteger>> purchaseAnswers = new ConcurrentHashMap<>();
        LongAdder readFailures = new LongAdder();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Purchase> settled = new ConcurrentLinkedQueue<>();
        LongAdder replays = new LongAdder();
        AtomicInteger keys = new AtomicInteger();
        long loadStart = System.nanoTime();

        ExecutorService threads = Executors.newFixedThreadPool(READERS + PURCHASERS);
        List<CompletableFuture<Void>> load = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            load.add(CompletableFuture.runAsync(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (!stop.get()) {
                    String path = random.nextBoolean() ? "/info/" + BOOKS.get(random.nextInt(BOOKS.size()))
                            : "/search/distributed%20systems";
                    Phase now = phase.get();
                    try {
                        Http.Reply reply = http.get(store.frontend(path));
                        if (reply.status() == 200) {
                            String by = "hit".equals(reply.header("X-Bazar-Cache")) ? "cache" : reply.header("X-Bazar-Replica");
                            count(readsServed, now, by);
                        } else {
                            readFailures.increment();
                            problems.add(now + " read " + path + ": " + reply);
                        }
                    } catch (RuntimeException e) {
                        readFailures.increment();
                        problems.add(now + " read " + path + ": " + e);
                    }
                }
            }, threads));
        }
        for (int i = 0; i < PURCHASERS; i++) {
            load.add(CompletableFuture.runAsync(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (!stop.get()) {
                    String key = "crash-it-" + keys.incrementAndGet();
                    long book = BOOKS.get(random.nextInt(BOOKS.size()));
                    int quantity = 1 + random.nextInt(3);
                    Purchase purchase = settle(key, book, quantity, phase::get, purchaseAnswers, problems);
                    settled.add(purchase);
                    // Now and then the client repeats a settled purchase with its key: the same order, nothing bought.
                    if (purchase.order() != null && random.nextInt(5) == 0) {
                        Http.Reply again = buy(key, book, quantity);
                        if (again.status() != 200 || !again.as(Order.class).equals(purchase.order())) {
                            problems.add("repeating " + key + " answered " + again + " instead of " + purchase.order());
                        }
                        replays.increment();
                    }
                }
            }, threads));
        }

        Map<String, Long> restartTimes = new TreeMap<>();
        Map<String, String> firstAnswers = new TreeMap<>();
        try {
            Thread.sleep(BEFORE_CRASH.toMillis());
            phase.set(Phase.OUTAGE);
            long crash = System.nanoTime();
            store.kill("catalog-2");
            store.kill("order-2");
            System.out.printf("ReplicaCrashIT: killed catalog-2 and order-2 (kill -9) after %d ms of load%n",
                    TimeUnit.NANOSECONDS.toMillis(crash - loadStart));
            Thread.sleep(OUTAGE.toMillis());

            phase.set(Phase.RESTARTING);
            firstAnswers.put("catalog-2", restartServingOnlyRepairedData("catalog-2", restartTimes));
            firstAnswers.put("order-2", restartServingOnlyRepairedData("order-2", restartTimes));
            phase.set(Phase.AFTER);
            Thread.sleep(AFTER_RESTART.toMillis());
        } finally {
            stop.set(true);
            try {
                CompletableFuture.allOf(load.toArray(CompletableFuture[]::new))
                        .get(RESOLVE_WITHIN.toSeconds() + 30, TimeUnit.SECONDS);
            } finally {
                threads.shutdownNow();
            }
        }
        long loadMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loadStart);

        List<Purchase> all = List.copyOf(settled);
        List<Purchase> acknowledged = all.stream().filter(p -> p.order() != null).toList();
        long repeatedAfterError = all.stream().filter(p -> p.answers().size() > 1).count();
        System.out.printf("ReplicaCrashIT: %d ms of load; reads per phase and server %s, %d read failures;"
                        + " purchase answers per phase %s; %d purchases, %d acknowledged, %d settled only after"
                        + " repeating with their key, %d settled purchases repeated (same order each time);"
                        + " restart to healthy %s ms%n", loadMillis, new TreeMap<>(readsServed), readFailures.sum(),
                new TreeMap<>(purchaseAnswers), all.size(), acknowledged.size(), repeatedAfterError, replays.sum(),
                restartTimes);
        firstAnswers.forEach((name, answer) -> System.out.println("ReplicaCrashIT: first answer of restarted " + name + ": " + answer));
        printRepairLines();
        problems.stream().limit(20).forEach(problem -> System.out.println("  " + problem));

        assertThat(problems).as("problems seen by the clients").isEmpty();
        assertThat(readFailures.sum()).as("failed reads").isZero();
        assertThat(readsServed.get(Phase.OUTAGE)).as("reads answered during the outage").isNotEmpty();
        assertThat(purchaseAnswers.get(Phase.OUTAGE)).as("purchases answered during the outage").isNotEmpty();
        assertThat(acknowledged).as("acknowledged purchases").hasSizeGreaterThan(20);

        // Never applied twice: one order per acknowledged key, and no order nobody was told about.
        Set<Long> orderIds = acknowledged.stream().map(p -> p.order().orderId()).collect(Collectors.toSet());
        assertThat(orderIds).as("distinct order ids").hasSize(acknowledged.size());
        for (Purchase purchase : acknowledged) {
            assertThat(purchase.order().bookId()).isEqualTo(purchase.bookId());
            assertThat(purchase.order().quantity()).isEqualTo(purchase.quantity());
        }
        // Never lost: every acknowledged order is in both order databases, exactly as acknowledged.
        for (String orders : List.of("order-1", "order-2")) {
            List<Order> recorded = http.get(store.app(orders, "/orders?limit=10000")).as(ORDER_LIST).stream()
                    .filter(o -> BOOKS.contains(o.bookId())).toList();
            assertThat(recorded).as("orders in %s", orders).extracting(Order::orderId)
                    .containsExactlyInAnyOrderElementsOf(orderIds);
            for (Purchase purchase : acknowledged.subList(0, Math.min(50, acknowledged.size()))) {
                Http.Reply one = http.get(store.app(orders, "/orders/" + purchase.order().orderId()));
                assertThat(one.status()).as(orders + " " + one).isEqualTo(200);
                assertThat(one.as(Order.class)).isEqualTo(purchase.order());
            }
        }
        // Stock accounting: what was sold, and only that, left the shelves of both catalogs.
        for (long book : BOOKS) {
            int sold = acknowledged.stream().filter(p -> p.bookId() == book).mapToInt(Purchase::quantity).sum();
            for (String catalog : List.of("catalog-1", "catalog-2")) {
                assertThat(http.get(store.app(catalog, "/books/" + book)).as(Book.class).stock())
                        .as("stock of book %d in %s", book, catalog).isEqualTo(INITIAL_STOCK - sold);
            }
        }
        // The restarted catalog serves what catalog-1 serves.
        assertThat(http.get(store.app("catalog-2", "/books?topic=distributed%20systems")).as(BOOK_LIST))
                .isEqualTo(http.get(store.app("catalog-1", "/books?topic=distributed%20systems")).as(BOOK_LIST));
        for (String name : List.of("catalog-1", "order-1")) {
            RunningStore.CommandResult check = store.checkReplicas(name);
            System.out.println("ReplicaCrashIT: check-replicas " + name + " exit " + check.exitCode() + ": "
                    + check.output().strip().replace('\n', ' '));
            assertThat(check.exitCode()).as(check.output()).isZero();
            assertThat(check.output()).contains("all replica databases are identical");
        }
    }

    /**
     * With both order replicas down a purchase cannot be placed: the answer is a 503 JSON error naming what
     * failed, nothing is bought, and the same purchase repeated with its key once they are back buys exactly once.
     */
    @Test
    void b_aPurchaseRefusedWith503BuysOnceWhenRepeatedWithItsKey() throws Exception {
        long book = 2;
        String key = "crash-it-both-orders-down";
        int stockBefore = http.get(store.app("catalog-1", "/books/" + book)).as(Book.class).stock();
        store.kill("order-1");
        store.kill("order-2");
        Http.Reply refused = buy(key, book, 2);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
        assertThat(refused.as(Map.class)).containsEntry("code", 503);
        assertThat((String) refused.as(Map.class).get("message")).contains("order-1", "order-2");
        assertThat(http.get(store.app("catalog-2", "/books/" + book)).as(Book.class).stock()).isEqualTo(stockBefore);

        store.restart("order-1");
        store.restart("order-2");
        Http.Reply placed = buy(key, book, 2);
        Http.Reply again = buy(key, book, 2);
        assertThat(placed.status()).as(placed.toString()).isEqualTo(200);
        assertThat(again.as(Order.class)).isEqualTo(placed.as(Order.class));
        long ordersWithId = http.get(store.app("order-2", "/orders?limit=10000")).as(ORDER_LIST).stream()
                .filter(o -> o.orderId() == placed.as(Order.class).orderId()).count();
        assertThat(ordersWithId).isOne();
        for (String catalog : List.of("catalog-1", "catalog-2")) {
            assertThat(http.get(store.app(catalog, "/books/" + book)).as(Book.class).stock()).isEqualTo(stockBefore - 2);
        }
        System.out.println("ReplicaCrashIT: with both order replicas down: " + refused + "; repeated with its key"
                + " once they were back: HTTP " + placed.status() + " order " + placed.as(Order.class).orderId()
                + ", again the same order; stock " + stockBefore + " -> " + (stockBefore - 2));
    }

    /**
     * Buys until the purchase is settled: an order (200) or a refusal (409). A 503 (no replica could place it)
     * is repeated with the same key, as the API tells a client to do; every answer on the way must be JSON.
     */
    private Purchase settle(String key, long book, int quantity, Supplier<Phase> phase,
                            Map<Phase, Map<String, AtomicInteger>> answers, ConcurrentLinkedQueue<String> problems) {
        List<Integer> statuses = new ArrayList<>();
        long deadline = System.nanoTime() + RESOLVE_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            Phase now = phase.get();
            Http.Reply reply;
            try {
                reply = buy(key, book, quantity);
            } catch (RuntimeException e) {
                problems.add(now + " purchase " + key + ": " + e);
                statuses.add(-1);
                pause(200);
                continue;
            }
            statuses.add(reply.status());
            count(answers, now, reply.status() + " " + reply.header("X-Bazar-Replica"));
            if (reply.status() == 200) {
                return new Purchase(key, book, quantity, statuses, reply.as(Order.class));
            }
            Map<?, ?> error = reply.as(Map.class);
            if (!Integer.valueOf(reply.status()).equals(error.get("code")) || !(error.get("message") instanceof String)) {
                problems.add(now + " purchase " + key + " answered an unclear error: " + reply);
            }
            if (reply.status() == 409) {
                return new Purchase(key, book, quantity, statuses, null);
            }
            if (reply.status() != 503) {
                problems.add(now + " purchase " + key + " answered " + reply);
                return new Purchase(key, book, quantity, statuses, null);
            }
            pause(200);
        }
        problems.add("purchase " + key + " was not settled within " + RESOLVE_WITHIN + ": " + statuses);
        return new Purchase(key, book, quantity, statuses, null);
    }

    private Http.Reply buy(String key, long book, int quantity) {
        return http.post(store.frontend("/purchase/" + book), "{\"quantity\":" + quantity + "}", "Idempotency-Key", key);
    }

    /**
     * Restarts a killed replica while the load goes on, and polls it from the moment it is launched: its first
     * successful answer must already hold everything that was committed before the launch (for the catalog, the
     * books as catalog-1 showed them; for orders, every order acknowledged so far), i.e. it repaired before it
     * served.
     */
    private String restartServingOnlyRepairedData(String name, Map<String, Long> restartTimes) throws Exception {
        boolean catalog = name.startsWith("catalog");
        Map<Long, Long> versionsBefore = new HashMap<>();
        Set<Long> ordersBefore = new HashSet<>();
        if (catalog) {
            for (long book : BOOKS) {
                versionsBefore.put(book, http.get(store.app("catalog-1", "/books/" + book)).as(Book.class).version());
            }
        } else {
            http.get(store.app("order-1", "/orders?limit=10000")).as(ORDER_LIST).forEach(o -> ordersBefore.add(o.orderId()));
        }
        AtomicReference<String> first = new AtomicReference<>();
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        CompletableFuture<Void> poller = CompletableFuture.runAsync(() -> {
            while (first.get() == null && System.nanoTime() < giveUp) {
                try {
                    if (catalog) {
                        Http.Reply reply = http.get(store.app(name, "/books?topic=distributed%20systems"));
                        if (reply.status() == 200) {
                            Map<Long, Long> shown = reply.as(BOOK_LIST).stream()
                                    .collect(Collectors.toMap(Book::id, Book::version));
                            first.set("HTTP 200 with versions " + new TreeMap<>(shown) + " (catalog-1 had "
                                    + new TreeMap<>(versionsBefore) + " at launch)");
                            versionsBefore.forEach((book, version) -> assertThat(shown.get(book))
                                    .as("version of book %d in the first answer of %s", book, name).isGreaterThanOrEqualTo(version));
                        }
                    } else {
                        Http.Reply reply = http.get(store.app(name, "/orders?limit=10000"));
                        if (reply.status() == 200) {
                            Set<Long> shown = reply.as(ORDER_LIST).stream().map(Order::orderId).collect(Collectors.toSet());
                            first.set("HTTP 200 with " + shown.size() + " orders (" + ordersBefore.size()
                                    + " recorded on order-1 at launch)");
                            assertThat(shown).as("orders in the first answer of %s", name).containsAll(ordersBefore);
                        }
                    }
                } catch (java.io.UncheckedIOException notListeningYet) {
                    // Connection refused: not serving yet.
                }
                pause(20);
            }
        });
        long start = System.nanoTime();
        store.restart(name);
        restartTimes.put(name, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        poller.get(30, TimeUnit.SECONDS);
        assertThat(first.get()).as("%s answered a read once healthy", name).isNotNull();
        return first.get();
    }

    private static void printRepairLines() {
        for (String name : List.of("catalog-2", "order-2")) {
            store.log(name).lines().filter(line -> line.contains("repair")).forEach(line ->
                    System.out.println("ReplicaCrashIT: " + name + " log: " + line.strip()));
        }
    }

    private static void count(Map<Phase, Map<String, AtomicInteger>> counts, Phase phase, String what) {
        counts.computeIfAbsent(phase, p -> new ConcurrentHashMap<>())
                .computeIfAbsent(String.valueOf(what), w -> new AtomicInteger()).incrementAndGet();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
