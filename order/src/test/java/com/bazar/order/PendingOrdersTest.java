package com.bazar.order;

import com.bazar.common.api.Order;
import com.bazar.common.api.OrderRequest;
import com.bazar.common.client.ReplicaAddress;
import com.bazar.common.client.RoundRobinClient;
import com.bazar.common.db.ReplicaComparison;
import com.bazar.common.db.ReplicaDatabase;
import com.bazar.common.db.ReplicatedDatabasesFactory;
import com.bazar.common.db.SqliteTestDatabases;
import com.bazar.order.core.BeginPlacement;
import com.bazar.order.core.CatalogClient;
import com.bazar.order.core.OrderCancelledException;
import com.bazar.order.core.OrderPlacement;
import com.bazar.order.core.OutOfStockException;
import com.bazar.order.core.PendingOrderReconciler;
import com.bazar.order.core.Placement;
import com.bazar.order.core.PlacementResolver;
import com.bazar.order.core.PlacementState;
import com.bazar.order.core.PurchaseStepListener;
import com.bazar.order.db.OrderDao;
import com.bazar.order.db.OrderSchema;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Orders left PENDING (their process died while the catalog was asked) and how they are settled: two real
 * SQLite order databases, written by two "processes" (separate pools), and a stand-in catalog over HTTP.
 */
class PendingOrdersTest {
    private static final List<String> NAMES = List.of("order-1", "order-2");
    private static final Duration GRACE = Duration.ofSeconds(30);

    @RegisterExtension
    static final StandInCatalog CATALOG = new StandInCatalog();

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(Instant.parse("2025-03-01T12:00:00Z"));
    private final CloseableHttpClient http = HttpClients.createDefault();
    private ReplicatedDatabasesFactory.Opened one;
    private ReplicatedDatabasesFactory.Opened two;

    @BeforeEach
    void openBothProcesses() {
        one = SqliteTestDatabases.open(dir, "order-1", NAMES);
        two = SqliteTestDatabases.open(dir, "order-2", NAMES);
        OrderSchema.createOn(one.databases());
    }

    @AfterEach
    void close() throws Exception {
        one.close();
        two.close();
        http.close();
    }

    @Test
    void anOrderPendingAfterTheCatalogTookTheStockIsCompletedOnceFromTheCatalogsAnswer() {
        CATALOG.shelve(1, "RPCs for Noobs", "12.50", 10);
        // The process recorded PENDING, the catalog took the stock, then the process died.
        begin(one, "took-then-died", 1, 3);
        assertThat(CATALOG.buyDirectly(1, 3, "took-then-died").getStatus()).isEqualTo(200);
        int decrements = CATALOG.decrements();

        clock.advance(GRACE.plusSeconds(1));
        int settled = reconciler(two).settleStale();

        assertThat(settled).isEqualTo(1);
        for (ReplicaDatabase db : one.databases().all()) {
            OrderDao dao = db.jdbi().onDemand(OrderDao.class);
            Order order = dao.findByKey("took-then-died").orElseThrow();
            assertThat(order.bookId()).isEqualTo(1);
            assertThat(order.quantity()).isEqualTo(3);
            assertThat(order.unitPrice()).isEqualByComparingTo("12.50");
            assertThat(order.total()).isEqualByComparingTo("37.50");
            assertThat(order.remainingStock()).isEqualTo(7);
            assertThat(dao.newest(100)).as(db.name()).hasSize(1);
            assertThat(state(db, "took-then-died")).as(db.name()).isEqualTo(PlacementState.COMPLETED);
        }
        assertThat(CATALOG.decrements()).isEqualTo(decrements);
        assertThat(CATALOG.stock(1)).isEqualTo(7);
        assertThat(reconciler(one).settleStale()).as("nothing is pending any more").isZero();
        assertIdentical();
    }

    @Test
    void anOrderPendingThatTheCatalogNeverSawIsCancelledAndItsKeyNeverBuys() {
        CATALOG.shelve(2, "Xen and the Art of Surviving Undergraduate School", "9.99", 5);
        begin(one, "died-before-asking", 2, 1);

        clock.advance(GRACE.plusSeconds(1));
        assertThat(reconciler(one).settleStale()).isEqualTo(1);

        for (ReplicaDatabase db : one.databases().all()) {
            assertThat(state(db, "died-before-asking")).as(db.name()).isEqualTo(PlacementState.CANCELLED);
            assertThat(db.jdbi().onDemand(OrderDao.class).newest(100)).as(db.name()).isEmpty();
        }
        assertThat(CATALOG.isCancelled("died-before-asking")).isTrue();
        // A late copy of the purchase is refused by the catalog; a retry of the order is refused here.
        assertThat(CATALOG.buyDirectly(2, 1, "died-before-asking").getStatus()).isEqualTo(410);
        assertThatThrownBy(() -> placement(two).place("died-before-asking", new OrderRequest(2L, 1)))
                .isInstanceOf(OrderCancelledException.class)
                .hasMessageContaining("order cancelled: nothing was bought under this Idempotency-Key");
        assertThat(CATALOG.stock(2)).isEqualTo(5);
        assertIdentical();
    }

    @Test
    void aPendingOrderYoungerThanTheGracePeriodIsLeftToItsRequest() {
        CATALOG.shelve(3, "Cooking for the Impatient Undergrad", "20.00", 5);
        begin(one, "still-in-flight", 3, 1);
        int cancellations = CATALOG.cancellations();

        clock.advance(GRACE.minusSeconds(1));

        assertThat(reconciler(one).settleStale()).isZero();
        assertThat(state(one.databases().own(), "still-in-flight")).isEqualTo(PlacementState.PENDING);
        assertThat(CATALOG.cancellations()).isEqualTo(cancellations);
    }

    @Test
    void aRetryOnTheOtherReplicaCompletesAPendingOrderWithoutBuyingAgain() {
        CATALOG.shelve(4, "How to finish Project 3 on time", "30.00", 5);
        begin(one, "retried", 4, 2);
        CATALOG.buyDirectly(4, 2, "retried");
        int decrements = CATALOG.decrements();

        Order order = placement(two).place("retried", new OrderRequest(4L, 2));

        assertThat(order.remainingStock()).isEqualTo(3);
        assertThat(CATALOG.decrements()).isEqualTo(decrements);
        for (ReplicaDatabase db : one.databases().all()) {
            assertThat(db.jdbi().onDemand(OrderDao.class).newest(100)).as(db.name()).containsExactly(order);
            assertThat(state(db, "retried")).as(db.name()).isEqualTo(PlacementState.COMPLETED);
        }
        assertThat(placement(one).place("retried", new OrderRequest(4L, 2))).isEqualTo(order);
        assertIdentical();
    }

    @Test
    void anOrderRefusedByTheCatalogsPurchaseIsCancelledSoThatNoLateCopyOfItCanBuy() {
        CATALOG.shelve(5, "Why theory classes are so hard.", "5.00", 10);
        CATALOG.refuseNextPurchase(409, "only 0 copies of book 5 left, 2 asked for");

        assertThatThrownBy(() -> placement(one).place("refused", new OrderRequest(5L, 2)))
                .isInstanceOf(OutOfStockException.class);

        assertThat(CATALOG.isCancelled("refused")).isTrue();
        assertThat(state(one.databases().own(), "refused")).isEqualTo(PlacementState.CANCELLED);
        assertThat(CATALOG.buyDirectly(5, 2, "refused").getStatus()).as("a late copy").isEqualTo(410);
        assertThatThrownBy(() -> placement(two).place("refused", new OrderRequest(5L, 2)))
                .isInstanceOf(OrderCancelledException.class);
        assertThat(CATALOG.stock(5)).isEqualTo(10);
        assertIdentical();
    }

    @Test
    void anOrderTheStockCannotFillIsRefusedBeforeAnythingIsWritten() {
        CATALOG.shelve(8, "Distributed Systems for Bookshops", "11.00", 1);
        int cancellations = CATALOG.cancellations();

        assertThatThrownBy(() -> placement(one).place("short", new OrderRequest(8L, 2)))
                .isInstanceOf(OutOfStockException.class).hasMessageContaining("book 8 has 1 copies left, 2 asked for");

        assertThat(one.databases().own().jdbi().onDemand(OrderDao.class).findPlacement("short")).isEmpty();
        assertThat(CATALOG.cancellations()).isEqualTo(cancellations);
    }

    @Test
    void aRetryOfAnOrderThatBoughtTheLastCopiesIsCarriedOnNotRefused() {
        CATALOG.shelve(9, "Caching for the Impatient", "3.00", 2);
        begin(one, "bought-the-last", 9, 2);
        CATALOG.buyDirectly(9, 2, "bought-the-last");

        Order order = placement(two).place("bought-the-last", new OrderRequest(9L, 2));

        assertThat(order.remainingStock()).isZero();
        assertThat(state(two.databases().own(), "bought-the-last")).isEqualTo(PlacementState.COMPLETED);
        assertIdentical();
    }

    @Test
    void aRefusalWhileAnEarlierCopyOfThePurchaseHadBoughtAnswersThatOrder() {
        CATALOG.shelve(6, "Spring in the Pioneer Valley", "8.00", 4);
        // One copy of the purchase bought (its answer was lost to a timeout); the copy sent on was refused.
        begin(one, "two-copies", 6, 1);
        CATALOG.buyDirectly(6, 1, "two-copies");
        CATALOG.refuseNextPurchase(409, "only 0 copies of book 6 left, 1 asked for");

        Order order = placement(one).place("two-copies", new OrderRequest(6L, 1));

        assertThat(order.remainingStock()).isEqualTo(3);
        assertThat(CATALOG.stock(6)).isEqualTo(3);
        assertThat(state(one.databases().own(), "two-copies")).isEqualTo(PlacementState.COMPLETED);
        assertIdentical();
    }

    @Test
    void withTheCatalogUnreachablePendingOrdersWaitForTheNextRun() throws IOException {
        begin(one, "catalog-down", 7, 1);
        clock.advance(GRACE.plusSeconds(1));
        PlacementResolver nowhere = new PlacementResolver(one.databases(), catalogAt("http://127.0.0.1:" + closedPort()), clock);

        assertThat(new PendingOrderReconciler(one.databases(), nowhere, clock, GRACE).settleStale()).isZero();

        assertThat(state(one.databases().own(), "catalog-down")).isEqualTo(PlacementState.PENDING);
    }

    @Test
    void aKeyPendingForAnotherOrderIsRefusedAsReused() {
        begin(one, "one-key", 1, 1);

        assertThatThrownBy(() -> placement(two).place("one-key", new OrderRequest(1L, 2)))
                .hasMessageContaining("Idempotency-Key reused for a different order");
        assertThat(state(two.databases().own(), "one-key")).isEqualTo(PlacementState.PENDING);
    }

    private void begin(ReplicatedDatabasesFactory.Opened process, String key, long bookId, int quantity) {
        BeginPlacement.Outcome begun = process.databases().write(new BeginPlacement(key, bookId, quantity, clock.instant()));
        assertThat(begun.placement().state()).isEqualTo(PlacementState.PENDING);
    }

    private static PlacementState state(ReplicaDatabase db, String key) {
        return db.jdbi().onDemand(OrderDao.class).findPlacement(key).map(Placement::state).orElseThrow();
    }

    private CatalogClient catalogAt(String url) {
        RoundRobinClient client = new RoundRobinClient("catalog", List.of(new ReplicaAddress("catalog", url)), http,
                Duration.ofSeconds(1), System::nanoTime);
        return new CatalogClient(client, new ObjectMapper().findAndRegisterModules(), StandInCatalog.INTERNAL_BEARER);
    }

    private PlacementResolver resolver(ReplicatedDatabasesFactory.Opened process) {
        return new PlacementResolver(process.databases(), catalogAt(CATALOG.url()), clock);
    }

    private PendingOrderReconciler reconciler(ReplicatedDatabasesFactory.Opened process) {
        return new PendingOrderReconciler(process.databases(), resolver(process), clock, GRACE);
    }

    private OrderPlacement placement(ReplicatedDatabasesFactory.Opened process) {
        return new OrderPlacement(process.databases(), catalogAt(CATALOG.url()), resolver(process), clock,
                PurchaseStepListener.NONE);
    }

    private void assertIdentical() {
        ReplicaComparison.Report report = new ReplicaComparison(one.databases(), OrderApplication.TABLES).compare();
        assertThat(report.identical()).as(String.join("\n", report.lines())).isTrue();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A clock the test moves forward by hand. */
    private static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
