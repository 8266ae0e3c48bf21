package com.bazar.common.db;

import com.codahale.metrics.MetricRegistry;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplicatedDatabasesDaoTest {
    private static final List<String> NAMES = List.of("db-1", "db-2");

    @TempDir
    Path dir;

    @Test
    void twoWritersOnTheSameTwoDatabasesLeaveThemIdenticalWithoutBusyErrors() throws Exception {
        try (var first = SqliteTestDatabases.open(dir, "db-1", NAMES);
             var second = SqliteTestDatabases.open(dir, "db-2", NAMES)) {
            createLogTable(first.databases());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                ReplicatedDatabases writer = (i % 2 == 0 ? first : second).databases();
                String name = i % 2 == 0 ? "first" : "second";
                writes.add(pool.submit(() -> writer.write(appendRow(name))));
            }
            for (Future<?> write : writes) {
                write.get(); // rethrows any SQLITE_BUSY or other failure
            }
            pool.shutdown();

            var report = new ReplicaComparison(first.databases(),
                    Map.of("log", "SELECT seq, writer FROM log ORDER BY seq")).compare();
            assertThat(report.identical()).as(String.join("\n", report.lines())).isTrue();
            long rows = first.databases().read(h -> h.handle().createQuery("SELECT count(*) FROM log").mapTo(Long.class).one());
            assertThat(rows).isEqualTo(400);
        }
    }

    @Test
    void aWriterWaitsForAnotherProcesssLockOnlyUntilItsBusyTimeoutThenFailsChangingNothing() throws Exception {
        try (var holder = SqliteTestDatabases.open(dir, "db-1", NAMES);
             var impatient = SqliteTestDatabases.factory(dir, "db-2", NAMES, 300).open(new MetricRegistry())) {
            createLogTable(holder.databases());
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<?> holding = pool.submit(() -> holder.databases().withAllLocked(handles -> {
                locked.countDown();
                try {
                    // Held 5 s at most: a writer that ignored its timeout would then succeed, and fail the test.
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            await(locked);

            long started = System.nanoTime();
            assertThatThrownBy(() -> impatient.databases().write(appendRow("impatient")))
                    .hasStackTraceContaining("SQLITE_BUSY");
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            release.countDown();
            holding.get();
            pool.shutdown();

            // Waited out its own timeout (300 ms), not the holder's: the lock was still held when it gave up.
            assertThat(waitedMillis).isGreaterThanOrEqualTo(300);
            impatient.databases().write(appendRow("after the holder"));
            for (ReplicaDatabase db : holder.databases().all()) {
                List<String> writers = db.jdbi().withHandle(h -> h.createQuery("SELECT writer FROM log").mapTo(String.class).list());
                assertThat(writers).as(db.name()).containsExactly("after the holder");
            }
        }
    }

    @Test
    void aWriteThatFailsOnTheFirstDatabaseChangesNoDatabase() throws Exception {
        try (var opened = SqliteTestDatabases.open(dir, "db-1", NAMES)) {
            ReplicatedDatabases databases = opened.databases();
            createLogTable(databases);
            assertThatThrownBy(() -> databases.withAllLocked(handles -> {
                handles.get(1).execute("INSERT INTO log (writer) VALUES ('second')");
                handles.get(0).execute("INSERT INTO log (writer) VALUES (NULL)"); // violates NOT NULL
                return null;
            })).hasMessageContaining("NOT NULL");
            for (ReplicaDatabase db : databases.all()) {
                long rows = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM log").mapTo(Long.class).one());
                assertThat(rows).as(db.name()).isZero();
            }
        }
    }

    @Test
    void readsOnKeptHandlesAndStatementsSeeEveryWriteCommittedSince() throws Exception {
        try (var first = SqliteTestDatabases.open(dir, "db-1", NAMES);
             var second = SqliteTestDatabases.open(dir, "db-2", NAMES)) {
            createLogTable(first.databases());
            for (int i = 1; i <= 20; i++) {
                // Written by one process, read by both on their kept handles (db-1 is first's own, db-2 second's).
                (i % 2 == 0 ? first : second).databases().write(appendRow("writer-" + i));
                for (ReplicatedDatabases reader : List.of(first.databases(), second.databases())) {
                    long rows = reader.read(h -> h.handle().createQuery("SELECT count(*) FROM log").mapTo(Long.class).one());
                    String newest = reader.read(h -> h.handle().createQuery("SELECT writer FROM log WHERE seq = :seq")
                            .bind("seq", (long) rows).mapTo(String.class).one());
                    assertThat(rows).isEqualTo(i);
                    assertThat(newest).isEqualTo("writer-" + i);
                }
            }
        }
    }

    @Test
    void aStatementIsPreparedOncePerHandleAndASecondUseWhileTheFirstIsOpenGetsItsOwn() throws Exception {
        try (var opened = SqliteTestDatabases.open(dir, "db-1", NAMES)) {
            ReplicaDatabase db = opened.databases().own();
            String query = "SELECT seq FROM log WHERE seq >= :from ORDER BY seq";
            java.sql.Statement kept;
            try (Handle handle = db.jdbi().open()) {
                handle.execute("CREATE TABLE log (seq INTEGER PRIMARY KEY, writer TEXT NOT NULL)");
                handle.execute("INSERT INTO log (seq, writer) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
                kept = handle.createQuery(query).bind("from", 3).map((rs, ctx) -> ctx.getStatement()).one();
                assertThat(handle.createQuery(query).bind("from", 3).map((rs, ctx) -> ctx.getStatement()).one())
                        .isSameAs(kept);

                List<String> pairs = new ArrayList<>();
                try (var outer = handle.createQuery(query).bind("from", 2).mapTo(Long.class).iterator()) {
                    while (outer.hasNext()) {
                        long seq = outer.next();
                        List<Long> inner = handle.createQuery(query).bind("from", 1).mapTo(Long.class).list();
                        pairs.add(seq + ":" + inner);
                    }
                }
                assertThat(pairs).containsExactly("2:[1, 2, 3]", "3:[1, 2, 3]");
                assertThat(handle.createQuery(query).bind("from", 99).mapTo(Long.class).list()).isEmpty();
                assertThat(kept.isClosed()).isFalse();
            }
            assertThat(kept.isClosed()).as("closed with its handle").isTrue();
        }
    }

    @Test
    void commitsHappenInTheGlobalOrder() throws Exception {
        List<String> committed = new ArrayList<>();
        var factory = SqliteTestDatabases.factory(dir, "db-2", NAMES);
        try (var opened = factory.open(new MetricRegistry())) {
            ReplicatedDatabases databases = new ReplicatedDatabases(opened.databases().all(), "db-2",
                    (database, index, total) -> committed.add(database));
            databases.withAllLocked(handles -> null);
            assertThat(committed).containsExactly("db-1", "db-2");
        }
    }

    @Test
    void writesThatQueueBehindAnotherAreCommittedTogetherAndARefusedOneIsUndoneAlone() throws Exception {
        List<String> committed = java.util.Collections.synchronizedList(new ArrayList<>());
        var factory = SqliteTestDatabases.factory(dir, "db-2", NAMES);
        try (var opened = factory.open(new MetricRegistry())) {
            ReplicatedDatabases databases = new ReplicatedDatabases(opened.databases().all(), "db-2",
                    (database, index, total) -> committed.add(database));
            createLogTable(databases);
            committed.clear();
            ExecutorService pool = Executors.newFixedThreadPool(10);
            var holding = new CountDownLatch(1);
            var release = new CountDownLatch(1);
            Future<?> holder = pool.submit(() -> databases.withAllLocked(handles -> {
                holding.countDown();
                await(release);
                return null;
            }));
            await(holding);
            List<Future<Long>> writes = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                String writer = "writer-" + i;
                ReplicatedWrite<Long> write = i % 3 == 2 ? refusedAfterApplying(writer) : appendRow(writer);
                writes.add(pool.submit(() -> databases.write(write)));
            }
            while (databases.queuedWrites() < 9) {
                Thread.sleep(5);
            }
            release.countDown();
            holder.get();

            List<Long> seqs = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                if (i % 3 == 2) {
                    Future<Long> refused = writes.get(i);
                    assertThatThrownBy(refused::get).hasRootCauseMessage("refused after writing");
                } else {
                    seqs.add(writes.get(i).get());
                }
            }
            pool.shutdown();
            // The holder's transaction, then one group for all nine writes: one commit per database each.
            assertThat(committed).containsExactly("db-1", "db-2", "db-1", "db-2");
            assertThat(seqs).doesNotHaveDuplicates().hasSize(6);
            for (ReplicaDatabase db : databases.all()) {
                List<String> writers = db.jdbi().withHandle(h -> h.createQuery("SELECT writer FROM log ORDER BY seq")
                        .mapTo(String.class).list());
                assertThat(writers).as(db.name()).hasSize(6).noneMatch(w -> w.endsWith("-2") || w.endsWith("-5") || w.endsWith("-8"));
            }
        }
    }

    /** The table the writes below append to, on every database. */
    private static void createLogTable(ReplicatedDatabases databases) {
        databases.withAllLocked(handles -> {
            handles.forEach(h -> h.execute("CREATE TABLE log (seq INTEGER PRIMARY KEY, writer TEXT NOT NULL)"));
            return null;
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Writes a row on every database, then throws: none of it may remain. */
    private static ReplicatedWrite<Long> refusedAfterApplying(String writer) {
        ReplicatedWrite<Long> append = appendRow(writer);
        return new ReplicatedWrite<>() {
            @Override
            public Long decide(ReplicaHandle first) {
                return append.decide(first);
            }

            @Override
            public void apply(ReplicaHandle replica, Long seq) {
                append.apply(replica, seq);
                throw new IllegalStateException("refused after writing");
            }
        };
    }

    /** Appends a row whose sequence number is decided on the first database and copied to the others. */
    private static ReplicatedWrite<Long> appendRow(String writer) {
        return new ReplicatedWrite<>() {
            @Override
            public Long decide(ReplicaHandle first) {
                return first.handle().createUpdate("INSERT INTO log (writer) VALUES (:writer)").bind("writer", writer)
                        .executeAndReturnGeneratedKeys("seq").mapTo(Long.class).one();
            }

            @Override
            public void apply(ReplicaHandle replica, Long seq) {
                replica.handle().createUpdate("INSERT INTO log (seq, writer) VALUES (:seq, :writer)")
                        .bind("seq", seq).bind("writer", writer).execute();
            }
        };
    }
}
