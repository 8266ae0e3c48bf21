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
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 3, point 4: a process dies between the commit of a write on the first database and its commit on the
 * second. The fault-injection switch {@code faultInjection.haltBetweenCommitsOfWrite} halts the JVM right
 * there (Runtime.halt, as kill -9). The databases then differ by exactly that write; the next start repairs
 * them (books: the highest version wins; purchases, orders, placements: union, settled over pending), and the
 * write is there exactly once: a client that retries with its Idempotency-Key neither loses nor doubles it.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class DualWriteCrashIT {
    private static final String HALT_BETWEEN_COMMITS = "BAZAR_FAULT_HALT_BETWEEN_COMMITS_OF_WRITE";
    private static final int HALTED = 137;
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(30);
    private static final TypeReference<List<Order>> ORDERS = new TypeReference<>() {
    };

    private static RunningStore store;
    private final Http http = new Http();

    @BeforeAll
    static void startStore() throws Exception {
        store = RunningStore.prepare(Map.of());
        // catalog-1's first write after start-up halts between its two commits.
        store.setEnvironment("catalog-1", HALT_BETWEEN_COMMITS, "1");
        store.startAll();
    }

    @AfterAll
    static void stopStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void a_anUpdateCutBetweenItsCommitsIsRepairedAtTheNextStartAndAppliedOnce() throws Exception {
        Book before = bookAt("catalog-2", 3);
        cachedInfo(3);

        assertThatThrownBy(() -> http.patch(store.app("catalog-1", "/books/3"), "{\"stockDelta\":5}",
                "Authorization", Http.ADMIN)).as("no answer: the write was not acknowledged")
                .isInstanceOf(UncheckedIOException.class);
        awaitHalt("catalog-1");

        RunningStore.CommandResult differ = store.checkReplicas("catalog-2");
        assertThat(differ.exitCode()).as(differ.output()).isNotZero();
        assertThat(differ.output()).contains("books: catalog-2 DIFFERS from catalog-1: row 3 is")
                .contains("stock=" + (before.stock() + 5) + ", version=" + (before.version() + 1))
                .contains("purchases: catalog-2 identical");
        assertThat(bookAt("catalog-2", 3)).as("catalog-2.db missed the write").isEqualTo(before);

        restartWithout("catalog-1", HALT_BETWEEN_COMMITS);

        assertIdentical("catalog-1");
        for (String catalog : List.of("catalog-1", "catalog-2")) {
            Book after = bookAt(catalog, 3);
            assertThat(after.stock()).as(catalog).isEqualTo(before.stock() + 5);
            assertThat(after.version()).as(catalog + ": one write, one new version").isEqualTo(before.version() + 1);
        }
        // The repair told the front end, which had cached the book before the write.
        assertThat(http.get(store.frontend("/info/3")).as(Book.class).stock()).isEqualTo(before.stock() + 5);
        assertThat(store.log("catalog-1")).contains("repaired catalog replicas: copied 1 rows (books [3])");
    }

    @Test
    void b_aPurchaseCutBetweenItsCommitsIsRepairedAndItsRetryThroughTheFrontEndBuysNothingMore() throws Exception {
        restartWith("catalog-1", HALT_BETWEEN_COMMITS, "1");
        Book before = bookAt("catalog-2", 2);
        String key = "dual-write-crash-purchase";

        assertThatThrownBy(() -> http.post(store.app("catalog-1", "/books/2/purchase"), "{\"quantity\":2}",
                "Authorization", "Bearer dev-internal-token", "Idempotency-Key", key))
                .isInstanceOf(UncheckedIOException.class);
        awaitHalt("catalog-1");

        RunningStore.CommandResult differ = store.checkReplicas("catalog-2");
        assertThat(differ.exitCode()).as(differ.output()).isNotZero();
        assertThat(differ.output()).contains("books: catalog-2 DIFFERS from catalog-1: row 2 is")
                .contains("purchases: catalog-2 DIFFERS from catalog-1");

        restartWithout("catalog-1", HALT_BETWEEN_COMMITS);
        assertIdentical("catalog-1");
        for (String catalog : List.of("catalog-1", "catalog-2")) {
            assertThat(bookAt(catalog, 2).stock()).as(catalog).isEqualTo(before.stock() - 2);
            assertThat(bookAt(catalog, 2).version()).as(catalog).isEqualTo(before.version() + 1);
        }

        // The client never had an answer, so it retries with its key: it gets its one order, bought once.
        Order order = purchaseThroughFrontEnd(2, 2, key);
        assertThat(order.quantity()).isEqualTo(2);
        assertThat(order.remainingStock()).isEqualTo(before.stock() - 2);
        assertThat(purchaseThroughFrontEnd(2, 2, key)).isEqualTo(order);
        assertThat(http.get(store.frontend("/info/2")).as(Book.class).stock()).isEqualTo(before.stock() - 2);
        for (String replica : List.of("order-1", "order-2")) {
            assertThat(ordersAt(replica)).as(replica).filteredOn(o -> o.orderId() == order.orderId()).hasSize(1);
        }
        assertIdentical("order-1");
    }

    @Test
    void c_anOrderRecordedOnTheFirstOrderDatabaseOnlyIsRepairedToOneOrderOnBoth() throws Exception {
        // Write 1 records the order PENDING, write 2 records it and marks it COMPLETED: halt between the commits of 2.
        restartWith("order-1", HALT_BETWEEN_COMMITS, "2");
        Book before = bookAt("catalog-2", 5);
        String key = "dual-write-crash-order";
        int ordersBefore = ordersAt("order-2").size();

        assertThatThrownBy(() -> http.post(store.app("order-1", "/orders"), "{\"bookId\":5,\"quantity\":1}",
                "Idempotency-Key", key)).isInstanceOf(UncheckedIOException.class);
        awaitHalt("order-1");

        RunningStore.CommandResult differ = store.checkReplicas("order-2");
        assertThat(differ.exitCode()).as(differ.output()).isNotZero();
        assertThat(differ.output()).contains("orders: order-2 DIFFERS from order-1: " + ordersBefore + " rows instead of "
                + (ordersBefore + 1)).contains("order_placements: order-2 DIFFERS from order-1");
        assertThat(ordersAt("order-2")).as("order-2.db missed the order").hasSize(ordersBefore);
        assertThat(bookAt("catalog-2", 5).stock()).as("the catalog took the copy once").isEqualTo(before.stock() - 1);

        restartWithout("order-1", HALT_BETWEEN_COMMITS);
        assertIdentical("order-1");
        List<Order> onOne = ordersAt("order-1");
        assertThat(ordersAt("order-2")).isEqualTo(onOne).hasSize(ordersBefore + 1);
        Order order = onOne.get(0);
        assertThat(order.bookId()).isEqualTo(5);
        assertThat(order.remainingStock()).isEqualTo(before.stock() - 1);

        // The client's retry through the front end answers that order and buys nothing.
        assertThat(purchaseThroughFrontEnd(5, 1, key)).isEqualTo(order);
        assertThat(ordersAt("order-2")).hasSize(ordersBefore + 1);
        assertThat(bookAt("catalog-1", 5).stock()).isEqualTo(before.stock() - 1);
        assertIdentical("catalog-1");
    }

    private Order purchaseThroughFrontEnd(long bookId, int quantity, String key) {
        Http.Reply reply = http.post(store.frontend("/purchase/" + bookId), "{\"quantity\":" + quantity + "}",
                "Idempotency-Key", key);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.as(Order.class);
    }

    private Book bookAt(String catalog, long id) {
        return http.get(store.app(catalog, "/books/" + id)).as(Book.class);
    }

    private List<Order> ordersAt(String replica) {
        return http.get(store.app(replica, "/orders?limit=10000")).as(ORDERS);
    }

    private void cachedInfo(long id) {
        http.get(store.frontend("/info/" + id));
        assertThat(http.get(store.frontend("/info/" + id)).header("X-Bazar-Cache")).isEqualTo("hit");
    }

    private static void assertIdentical(String name) throws Exception {
        RunningStore.CommandResult check = store.checkReplicas(name);
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("all replica databases are identical");
    }

    /** The process ended by the switch: exit status 137, and its log says which write it cut. */
    private static void awaitHalt(String name) throws InterruptedException {
        assertThat(store.awaitExit(name, EXIT_WITHIN)).isEqualTo(HALTED);
        assertThat(store.log(name)).contains("FAULT INJECTION: halting the JVM now")
                .contains("has committed on " + name + " only");
    }

    private static void restartWith(String name, String variable, String value) throws Exception {
        store.kill(name);
        store.setEnvironment(name, variable, value);
        store.restart(name);
    }

    private static void restartWithout(String name, String variable) throws Exception {
        store.setEnvironment(name, variable, "0");
        store.restart(name);
    }
}
