package com.bazar.e2e;

import com.bazar.common.api.Book;
import com.bazar.common.api.Order;
import com.fasterxml.jackson.core.type.TypeReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3, point 1: 32 clients race for the last 100 copies of a book through the front end, and so across both
 * order replicas and both catalog replicas. Exactly 100 get their book; nobody gets one that is not there.
 */
class NoOversellIT {
    private static final long BOOK = 3;
    private static final int STOCK = 100;
    private static final int PURCHASES = 1_000;
    private static final int CLIENTS = 32;
    private static final List<String> CATALOGS = List.of("catalog-1", "catalog-2");
    private static final List<String> ORDERS = List.of("order-1", "order-2");

    private static RunningStore store;
    private final Http http = new Http();

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

    @Test
    void thousandPurchasesFrom32ClientsSellExactlyTheHundredCopiesThereAre() throws Exception {
        Http.Reply restocked = http.patch(store.frontend("/books/" + BOOK), "{\"stock\":" + STOCK + "}",
                "Authorization", Http.ADMIN);
        assertThat(restocked.status()).as(restocked.toString()).isEqualTo(200);
        assertThat(restocked.as(Book.class).stock()).isEqualTo(STOCK);

        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> servedBy = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Order> sold = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> oddAnswers = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        try {
            for (int i = 0; i < PURCHASES; i++) {
                clients.execute(() -> {
                    try {
                        Http.Reply reply = http.post(store.frontend("/purchase/" + BOOK), null);
                        statuses.computeIfAbsent(reply.status(), s -> new AtomicInteger()).incrementAndGet();
                        servedBy.computeIfAbsent(reply.header("X-Bazar-Replica"), s -> new AtomicInteger()).incrementAndGet();
                        if (reply.status() == 200) {
                            sold.add(reply.as(Order.class));
                        } else if (reply.status() != 409 || !(reply.as(Map.class).get("code") instanceof Integer)) {
                            oddAnswers.add(reply.toString());
                        }
                    } catch (RuntimeException | AssertionError e) {
                        statuses.computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
                        oddAnswers.add(e.toString());
                    }
                });
            }
        } finally {
            clients.shutdown();
            assertThat(clients.awaitTermination(150, TimeUnit.SECONDS)).as("purchases finished in 150 s").isTrue();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.printf("NoOversellIT: %d purchases of book %d (stock %d) from %d clients in %d ms (%.0f/s):"
                        + " statuses %s, served by %s%n", PURCHASES, BOOK, STOCK, CLIENTS, millis,
                PURCHASES * 1000.0 / Math.max(1, millis), new TreeMap<>(statuses), new TreeMap<>(servedBy));

        assertThat(oddAnswers).as("answers other than 200 Order or 409 JSON error").isEmpty();
        assertThat(statuses.keySet()).containsOnly(200, 409);
        assertThat(statuses.get(200)).hasValue(STOCK);
        assertThat(statuses.get(409)).hasValue(PURCHASES - STOCK);
        // Every copy was sold once: the remaining stocks the buyers were told are 99, 98, ... 0, each once.
        assertThat(sold).extracting(Order::remainingStock)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, STOCK).boxed().toList());

        for (String catalog : CATALOGS) {
            Book book = http.get(store.app(catalog, "/books/" + BOOK)).as(Book.class);
            assertThat(book.stock()).as("stock in %s", catalog).isZero();
        }
        Set<Long> acknowledged = sold.stream().map(Order::orderId).collect(Collectors.toSet());
        assertThat(acknowledged).hasSize(STOCK);
        List<List<Order>> recorded = new ArrayList<>();
        for (String orders : ORDERS) {
            List<Order> here = http.get(store.app(orders, "/orders?limit=10000")).as(new TypeReference<List<Order>>() {
            }).stream().filter(o -> o.bookId() == BOOK).sorted(java.util.Comparator.comparingLong(Order::orderId)).toList();
            assertThat(here).as("orders of book %d in %s", BOOK, orders).hasSize(STOCK);
            assertThat(here).extracting(Order::orderId).as(orders).containsExactlyInAnyOrderElementsOf(acknowledged);
            recorded.add(here);
        }
        assertThat(recorded.get(1)).as("order-2's orders equal order-1's").isEqualTo(recorded.get(0));

        for (String name : List.of("catalog-1", "order-1")) {
            RunningStore.CommandResult check = store.checkReplicas(name);
            assertThat(check.exitCode()).as(check.output()).isZero();
            assertThat(check.output()).contains("all replica databases are identical");
        }
    }
}
