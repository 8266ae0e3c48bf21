package com.bazar.e2e;

import com.bazar.common.api.Book;
import com.bazar.common.api.Order;
import com.fasterxml.jackson.core.type.TypeReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 3, point 5: an order replica dies in the middle of a purchase. The fault-injection switch
 * {@code faultInjection.haltInPurchase} halts order-1 right after the catalog took the stock (before the order
 * is recorded), or right after the order was recorded PENDING (before the catalog is asked). At its next start,
 * before it serves, order-1 settles orders pending for longer than the grace period with the catalog: completed
 * from the catalog's answer if it took the stock, cancelled (and the key refused by the catalog for good) if
 * not. No phantom decrement, no order without its decrement, and a client's retry gets the one outcome.
 *
 * <p>order-1 runs with a 2 s grace period so that its restart settles at once; order-2 keeps the default 30 s, so
 * every settlement seen here is order-1's start-up.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class PurchaseCrashIT {
    private static final String HALT_IN_PURCHASE = "BAZAR_FAULT_HALT_IN_PURCHASE";
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final int HALTED = 137;
    private static final TypeReference<List<Order>> ORDERS = new TypeReference<>() {
    };

    private static RunningStore store;
    private final Http http = new Http();

    @BeforeAll
    static void startStore() throws Exception {
        store = RunningStore.prepare(Map.of());
        store.setEnvironment("order-1", "BAZAR_ORDER_PENDING_GRACE", GRACE.toSeconds() + "s");
        store.setEnvironment("order-1", HALT_IN_PURCHASE, "after-catalog");
        store.startAll();
    }

    @AfterAll
    static void stopStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void a_aCrashAfterTheCatalogTookTheStockEndsWithTheOrderCompletedOnce() throws Exception {
        Book before = bookAt("catalog-2", 1);
        int ordersBefore = ordersAt("order-2").size();
        String key = "purchase-crash-after-catalog";

        Instant sent = Instant.now();
        assertThatThrownBy(() -> http.post(store.app("order-1", "/orders"), "{\"bookId\":1,\"quantity\":2}",
                "Idempotency-Key", key)).as("no answer").isInstanceOf(UncheckedIOException.class);
        awaitHalt("order-1", "is at step after-catalog");

        // The crash window: the stock is taken, no order records it, the order is PENDING on both order databases.
        for (String catalog : List.of("catalog-1", "catalog-2")) {
            assertThat(bookAt(catalog, 1).stock()).as(catalog).isEqualTo(before.stock() - 2);
        }
        assertThat(ordersAt("order-2")).hasSize(ordersBefore);
        assertThat(pendingOrders("order-2")).isEqualTo(1);
        assertIdentical("order-2");

        restartAfterGrace("order-1", sent, "none");

        // Settled at start-up, before order-1 served anything: the order, from the catalog's answer, once on both.
        List<Order> onOne = ordersAt("order-1");
        assertThat(onOne).hasSize(ordersBefore + 1);
        assertThat(ordersAt("order-2")).isEqualTo(onOne);
        Order order = onOne.get(0);
        assertThat(order.bookId()).isEqualTo(1);
        assertThat(order.quantity()).isEqualTo(2);
        assertThat(order.unitPrice()).isEqualByComparingTo(before.price());
        assertThat(order.total()).isEqualByComparingTo(before.price().multiply(BigDecimal.valueOf(2)));
        assertThat(order.remainingStock()).isEqualTo(before.stock() - 2);
        assertThat(pendingOrders("order-1")).isZero();
        assertThat(pendingOrders("order-2")).isZero();
        assertThat(store.log("order-1")).contains("settled key '" + key + "': the catalog had bought 2 of book 1");
        for (String catalog : List.of("catalog-1", "catalog-2")) {
            assertThat(bookAt(catalog, 1).stock()).as(catalog).isEqualTo(before.stock() - 2);
            assertThat(bookAt(catalog, 1).version()).as(catalog).isEqualTo(before.version() + 1);
        }
        assertIdentical("order-1");
        assertIdentical("catalog-1");

        // The client, who never had an answer, retries with its key: the one order, nothing bought again.
        Http.Reply retry = purchaseThroughFrontEnd(1, 2, key);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(retry.as(Order.class)).isEqualTo(order);
        assertThat(bookAt("catalog-1", 1).stock()).isEqualTo(before.stock() - 2);
    }

    @Test
    void b_aCrashBeforeTheCatalogWasAskedEndsWithTheOrderCancelledAndTheStockUntouched() throws Exception {
        restartWith("order-1", "before-catalog");
        Book before = bookAt("catalog-2", 2);
        int ordersBefore = ordersAt("order-2").size();
        String key = "purchase-crash-before-catalog";

        Instant sent = Instant.now();
        assertThatThrownBy(() -> http.post(store.app("order-1", "/orders"), "{\"bookId\":2,\"quantity\":1}",
                "Idempotency-Key", key)).isInstanceOf(UncheckedIOException.class);
        awaitHalt("order-1", "is at step before-catalog");
        assertThat(pendingOrders("order-2")).isEqualTo(1);
        assertThat(bookAt("catalog-2", 2)).isEqualTo(before);

        restartAfterGrace("order-1", sent, "none");

        assertThat(pendingOrders("order-1")).isZero();
        assertThat(store.log("order-1")).contains("settled key '" + key + "': the catalog never applied it");
        for (String replica : List.of("order-1", "order-2")) {
            assertThat(ordersAt(replica)).as(replica).hasSize(ordersBefore);
        }
        for (String catalog : List.of("catalog-1", "catalog-2")) {
            assertThat(bookAt(catalog, 2)).as(catalog + ": not a copy taken, not a version added").isEqualTo(before);
        }
        // A purchase with the key arriving late at the catalog is refused; so is the client's retry.
        Http.Reply late = http.post(store.app("catalog-2", "/books/2/purchase"), "{\"quantity\":1}",
                "Authorization", "Bearer dev-internal-token", "Idempotency-Key", key);
        assertThat(late.status()).as(late.toString()).isEqualTo(410);
        Http.Reply retry = purchaseThroughFrontEnd(2, 1, key);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(409);
        assertThat(retry.body()).contains("order cancelled: nothing was bought under this Idempotency-Key");
        assertThat(bookAt("catalog-1", 2)).isEqualTo(before);
        assertIdentical("order-1");
        assertIdentical("catalog-1");
    }

    @Test
    void c_aCrashInTheMiddleOfAPurchaseIsMaskedByTheFrontEndsRetryOnTheOtherReplica() throws Exception {
        restartWith("order-1", "after-catalog");
        Book before = bookAt("catalog-2", 4);
        int ordersBefore = ordersAt("order-2").size();

        // The front end sends purchases to the order replicas in turn, so one of these two reaches order-1, which
        // halts once the catalog took the stock; the front end repeats it on order-2 with the same key.
        List<Order> bought = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Http.Reply reply = purchaseThroughFrontEnd(4, 1, "masked-crash-" + i);
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.header("X-Bazar-Replica")).isEqualTo("order-2");
            bought.add(reply.as(Order.class));
        }
        awaitHalt("order-1", "is at step after-catalog");

        assertThat(bookAt("catalog-2", 4).stock()).as("two purchases, two copies").isEqualTo(before.stock() - 2);
        assertThat(ordersAt("order-2")).hasSize(ordersBefore + 2).containsAll(bought);
        assertThat(pendingOrders("order-2")).isZero();
        assertIdentical("order-2");

        restartWith("order-1", "none");
        assertThat(ordersAt("order-1")).isEqualTo(ordersAt("order-2"));
        assertThat(bookAt("catalog-1", 4).stock()).isEqualTo(before.stock() - 2);
        assertIdentical("catalog-1");
    }

    private Http.Reply purchaseThroughFrontEnd(long bookId, int quantity, String key) {
        return http.post(store.frontend("/purchase/" + bookId), "{\"quantity\":" + quantity + "}", "Idempotency-Key", key);
    }

    private Book bookAt(String catalog, long id) {
        return http.get(store.app(catalog, "/books/" + id)).as(Book.class);
    }

    private List<Order> ordersAt(String replica) {
        return http.get(store.app(replica, "/orders?limit=10000")).as(ORDERS);
    }

    /** The {@code orders.pending} gauge on the replica's admin port: PENDING placements in its own database. */
    private long pendingOrders(String replica) {
        Http.Reply metrics = http.get(store.admin(replica, "/metrics"));
        assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
        Map<?, ?> gauges = (Map<?, ?>) metrics.as(Map.class).get("gauges");
        return ((Number) ((Map<?, ?>) gauges.get("orders.pending")).get("value")).longValue();
    }

    private static void awaitHalt(String name, String step) throws InterruptedException {
        assertThat(store.awaitExit(name, Duration.ofSeconds(30))).isEqualTo(HALTED);
        assertThat(store.log(name)).contains("FAULT INJECTION: halting the JVM now").contains(step);
    }

    private static void assertIdentical(String name) throws Exception {
        RunningStore.CommandResult check = store.checkReplicas(name);
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("all replica databases are identical");
    }

    private static void restartWith(String name, String haltInPurchase) throws Exception {
        store.kill(name);
        store.setEnvironment(name, HALT_IN_PURCHASE, haltInPurchase);
        store.restart(name);
    }

    /** Restarts once the order sent at {@code sent} is older than the grace period, so start-up settles it. */
    private static void restartAfterGrace(String name, Instant sent, String haltInPurchase) throws Exception {
        Duration wait = Duration.between(Instant.now(), sent.plus(GRACE).plusMillis(200));
        if (!wait.isNegative()) {
            Thread.sleep(wait.toMillis());
        }
        store.setEnvironment(name, HALT_IN_PURCHASE, haltInPurchase);
        store.restart(name);
    }
}
