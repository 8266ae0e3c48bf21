package com.bazar.order.db;

import com.bazar.common.api.Order;
import com.bazar.common.db.ReplicaComparison;
import com.bazar.common.db.ReplicaDatabase;
import com.bazar.common.db.ReplicatedDatabases;
import com.bazar.common.db.ReplicatedDatabasesFactory;
import com.bazar.common.db.SqliteTestDatabases;
import com.bazar.common.fault.HaltBetweenCommits;
import com.bazar.order.core.BeginPlacement;
import com.bazar.order.core.IdempotencyKeyReusedException;
import com.bazar.order.core.OrderDraft;
import com.bazar.order.core.OrderRepair;
import com.bazar.order.core.PlacementState;
import com.bazar.order.core.RecordOrder;
import com.bazar.order.core.RecordedOrder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderDaoTest {
    private static final Instant NOON = Instant.parse("2025-03-01T12:00:00.123Z");
    /** Both order tables, as check-replicas compares them. */
    private static final Map<String, String> BOTH_TABLES = Map.of("orders", OrderDao.ALL_ROWS_BY_ID,
            "order_placements", OrderDao.ALL_PLACEMENTS_BY_KEY);

    @TempDir
    Path dir;

    private ReplicatedDatabasesFactory.Opened opened;
    private ReplicatedDatabases databases;

    @BeforeEach
    void openTwoOrderDatabases() {
        // Own database is the second one, so reads show what was copied, not what was decided.
        opened = SqliteTestDatabases.open(dir, "order-2", List.of("order-1", "order-2"));
        databases = opened.databases();
        OrderSchema.createOn(databases);
    }

    @AfterEach
    void close() throws Exception {
        opened.close();
    }

    @Test
    void recordedOrdersReadBackFromEveryDatabaseWithTheSameIds() {
        Order first = record("key-a", draft(1, "RPCs for Noobs", 2, "40.00", 8));
        Order second = record("key-b", draft(3, "Xen and the Art of Surviving Undergraduate School", 1, "15.50", 0));

        assertThat(second.orderId()).isGreaterThan(first.orderId());
        assertThat(first.total()).isEqualByComparingTo("80.00");
        for (ReplicaDatabase db : databases.all()) {
            assertThat(newest(db)).as(db.name()).containsExactly(second, first);
            assertThat(dao(db).findById(first.orderId())).as(db.name()).contains(first);
        }
        assertThat(dao(databases.own()).findByKey("key-b")).contains(second);
        assertIdentical();
    }

    @Test
    void aKeyRecordsOneOrderAndRefusesADifferentOne() {
        OrderDraft draft = draft(2, "RPCs for Noobs", 1, "20.00", 4);
        RecordOrder.Outcome placed = databases.write(new RecordOrder("same-key", draft));
        RecordOrder.Outcome again = databases.write(new RecordOrder("same-key", draft));

        assertThat(placed.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.order()).isEqualTo(placed.order());

        assertThatThrownBy(() -> databases.write(new RecordOrder("same-key", draft(2, "RPCs for Noobs", 5, "20.00", 0))))
                .isInstanceOf(IdempotencyKeyReusedException.class)
                .hasMessageContaining("Idempotency-Key reused for a different order");
        assertThat(newest(databases.own())).containsExactly(placed.order());
        assertIdentical();
    }

    @Test
    void twoProcessesRecordingOneKeyAtOnceRecordOneOrder() throws Exception {
        OrderDraft draft = draft(5, "How to finish Project 3 on time", 1, "30.00", 2);
        try (ReplicatedDatabasesFactory.Opened other = SqliteTestDatabases.open(dir, "order-1", List.of("order-1", "order-2"))) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<RecordOrder.Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ReplicatedDatabases process = i % 2 == 0 ? databases : other.databases();
                outcomes.add(pool.submit(() -> process.write(new RecordOrder("contended", draft))));
            }
            List<RecordOrder.Outcome> results = new ArrayList<>();
            for (Future<RecordOrder.Outcome> outcome : outcomes) {
                results.add(outcome.get());
            }
            pool.shutdown();

            assertThat(results).filteredOn(RecordOrder.Outcome::created).hasSize(1);
            assertThat(results).extracting(RecordOrder.Outcome::order).containsOnly(results.get(0).order());
            assertThat(newest(databases.own())).containsExactly(results.get(0).order());
            assertIdentical();
        }
    }

    @Test
    void aTotalAboveTheLargestBookPriceIsKeptToTheCent() {
        Order order = record("big", draft(7, "Spring in the Pioneer Valley", 1000, "999999.99", 0));

        assertThat(order.total()).isEqualByComparingTo("999999990.00");
        assertThat(dao(databases.own()).findById(order.orderId())).contains(order);
    }

    @Test
    void startUpRepairCopiesOrdersThatOnlyOneDatabaseHas() {
        Order both = record("on-both", draft(1, "How to get a good grade in DOS in 40 minutes a day", 1, "10.00", 9));
        // As if a process died between the commits of two writes: each database has one order the other lacks.
        Order onlyFirst = withId(both, both.orderId() + 1);
        Order onlySecond = withId(both, both.orderId() + 2);
        insertInto(databases.all().get(0), new RecordedOrder("only-first", onlyFirst));
        insertInto(databases.all().get(1), new RecordedOrder("only-second", onlySecond));
        assertThat(new ReplicaComparison(databases, Map.of("orders", OrderDao.ALL_ROWS_BY_ID)).compare().identical())
                .isFalse();

        int copied = new OrderRepair(databases).run();

        assertThat(copied).isEqualTo(2);
        assertIdentical();
        for (ReplicaDatabase db : databases.all()) {
            assertThat(newest(db)).as(db.name()).containsExactly(onlySecond, onlyFirst, both);
        }
        assertThat(new OrderRepair(databases).run()).as("a second repair has nothing to copy").isZero();
    }

    @Test
    void aCrashBetweenTheCommitsOfCompletingAnOrderIsRepairedToTheOneCompletedOrder() {
        ReplicatedDatabases crashing = haltingOnWrite(2);
        OrderDraft draft = draft(2, "RPCs for Noobs", 2, "20.00", 6);
        crashing.write(new BeginPlacement("crashed", 2, 2, NOON));
        assertThatThrownBy(() -> crashing.write(new RecordOrder("crashed", draft))).isInstanceOf(Halted.class);
        // The first database has the order and its placement COMPLETED; the second has it PENDING, and no order.
        assertThat(newest(databases.all().get(0))).hasSize(1);
        assertThat(newest(databases.all().get(1))).isEmpty();
        assertThat(placementState(databases.all().get(1), "crashed")).isEqualTo(PlacementState.PENDING);
        assertThat(new ReplicaComparison(databases, BOTH_TABLES).compare().identical()).isFalse();

        int copied = new OrderRepair(databases).run();

        assertThat(copied).isEqualTo(2);
        for (ReplicaDatabase db : databases.all()) {
            assertThat(newest(db)).as(db.name()).singleElement().satisfies(o -> assertThat(o.quantity()).isEqualTo(2));
            assertThat(placementState(db, "crashed")).as(db.name()).isEqualTo(PlacementState.COMPLETED);
        }
        assertThat(new ReplicaComparison(databases, BOTH_TABLES).compare().identical()).isTrue();
    }

    @Test
    void aCrashBetweenTheCommitsOfBeginningAnOrderIsRepairedToThePendingPlacement() {
        ReplicatedDatabases crashing = haltingOnWrite(1);
        assertThatThrownBy(() -> crashing.write(new BeginPlacement("half-begun", 3, 1, NOON))).isInstanceOf(Halted.class);
        assertThat(dao(databases.all().get(1)).findPlacement("half-begun")).isEmpty();

        assertThat(new OrderRepair(databases).run()).isEqualTo(1);

        for (ReplicaDatabase db : databases.all()) {
            assertThat(placementState(db, "half-begun")).as(db.name()).isEqualTo(PlacementState.PENDING);
        }
    }

    /** This process's databases, as seen by one that halts after the first commit of its {@code write}th write. */
    private ReplicatedDatabases haltingOnWrite(int write) {
        HaltBetweenCommits halt = new HaltBetweenCommits(write, why -> {
            throw new Halted(why);
        });
        halt.arm();
        return new ReplicatedDatabases(databases.all(), databases.own().name(), halt);
    }

    private static PlacementState placementState(ReplicaDatabase db, String key) {
        return dao(db).findPlacement(key).orElseThrow().state();
    }

    /** Stands for the halted JVM: thrown after the first commit, so the other databases roll back. */
    private static final class Halted extends RuntimeException {
        Halted(String why) {
            super(why);
        }
    }

    private Order record(String key, OrderDraft draft) {
        return databases.write(new RecordOrder(key, draft)).order();
    }

    private static void insertInto(ReplicaDatabase db, RecordedOrder row) {
        dao(db).insertWithId(row);
    }

    /** An on-demand DAO: each call opens and closes its own handle, outside any replicated write. */
    private static OrderDao dao(ReplicaDatabase db) {
        return db.jdbi().onDemand(OrderDao.class);
    }

    private static List<Order> newest(ReplicaDatabase db) {
        return dao(db).newest(10);
    }

    private void assertIdentical() {
        ReplicaComparison.Report report = new ReplicaComparison(databases, Map.of("orders", OrderDao.ALL_ROWS_BY_ID)).compare();
        assertThat(report.identical()).as(String.join("\n", report.lines())).isTrue();
    }

    private static Order withId(Order o, long id) {
        return new Order(id, o.bookId(), o.title(), o.quantity(), o.unitPrice(), o.total(), o.remainingStock(), o.createdAt());
    }

    private static OrderDraft draft(long bookId, String title, int quantity, String unitPrice, int remaining) {
        BigDecimal price = new BigDecimal(unitPrice);
        return new OrderDraft(bookId, title, quantity, price, price.multiply(BigDecimal.valueOf(quantity)), remaining, NOON);
    }
}
