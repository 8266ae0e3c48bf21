package com.bazar.catalog;

import com.bazar.catalog.core.Catalog;
import com.bazar.catalog.core.CatalogStartup;
import com.bazar.catalog.core.InvalidationNotifier;
import com.bazar.catalog.core.KeyReusedException;
import com.bazar.catalog.core.OutOfStockException;
import com.bazar.catalog.core.PurchaseCancelledException;
import com.bazar.catalog.core.SeedBook;
import com.bazar.catalog.db.CatalogDao;
import com.bazar.common.api.Book;
import com.bazar.common.api.BookUpdate;
import com.bazar.common.api.PurchaseCancellation;
import com.bazar.common.client.ReplicaAddress;
import com.bazar.common.client.RoundRobinClient;
import com.bazar.common.db.ReplicaComparison;
import com.bazar.common.db.ReplicatedDatabases;
import com.bazar.common.db.ReplicatedDatabasesFactory;
import com.bazar.common.db.SqliteTestDatabases;
import com.bazar.common.fault.HaltBetweenCommits;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalog's rules on two real SQLite replica files, written by two "processes" (separate pools). */
class CatalogDaoTest {
    private static final List<String> NAMES = List.of("catalog-1", "catalog-2");

    @TempDir
    Path dir;

    private ReplicatedDatabasesFactory.Opened one;
    private ReplicatedDatabasesFactory.Opened two;

    @BeforeEach
    void start() throws IOException {
        one = SqliteTestDatabases.open(dir, "catalog-1", NAMES);
        two = SqliteTestDatabases.open(dir, "catalog-2", NAMES);
        new CatalogStartup(one.databases(), schema(), CatalogDaoTest::seed).run();
        new CatalogStartup(two.databases(), schema(), CatalogDaoTest::seed).run();
    }

    @AfterEach
    void stop() throws Exception {
        one.close();
        two.close();
    }

    @Test
    void seedsEmptyDatabasesOnceEvenWhenBothReplicasStart() {
        assertThat(catalog(one).search("distributed systems")).extracting(Book::id).containsExactly(1L, 2L, 5L);
        for (var db : one.databases().all()) {
            long books = db.jdbi().withHandle(h -> h.attach(CatalogDao.class).count());
            assertThat(books).as(db.name()).isEqualTo(7);
        }
    }

    @Test
    void concurrentPurchasesThroughBothReplicasNeverOversellAndLeaveIdenticalDatabases() throws Exception {
        catalog(one).update(1, new BookUpdate(null, 50, null));
        ExecutorService buyers = Executors.newFixedThreadPool(16);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Catalog via = catalog(i % 2 == 0 ? one : two);
            String key = "buyer-" + i;
            results.add(buyers.submit(() -> {
                try {
                    via.purchase(1, 1, key);
                    return true;
                } catch (OutOfStockException e) {
                    return false;
                }
            }));
        }
        int sold = 0;
        for (Future<Boolean> result : results) {
            sold += result.get() ? 1 : 0;
        }
        buyers.shutdown();

        assertThat(sold).isEqualTo(50);
        for (var db : one.databases().all()) {
            Book book = db.jdbi().withHandle(h -> h.attach(CatalogDao.class).find(1).orElseThrow());
            assertThat(book.stock()).as(db.name()).isZero();
            assertThat(book.version()).as(db.name()).isEqualTo(1 + 1 + 50);
        }
        assertIdentical();
    }

    @Test
    void aPurchaseRepeatedWithItsKeyIsAnsweredButNotAppliedAgain() {
        Book first = catalog(one).purchase(2, 3, "same-key");
        Book again = catalog(two).purchase(2, 3, "same-key");
        assertThat(again).isEqualTo(first);
        assertThat(first.stock()).isEqualTo(97);
        assertThat(catalog(two).info(2).stock()).isEqualTo(97);
        assertThatThrownBy(() -> catalog(one).purchase(2, 4, "same-key")).isInstanceOf(KeyReusedException.class);
        assertThat(catalog(one).info(2).stock()).isEqualTo(97);
    }

    @Test
    void updatesChangePriceAndStockEverywhereAndRefuseNegativeStock() {
        Book updated = catalog(two).update(3, new BookUpdate(new BigDecimal("19.5"), null, -40));
        assertThat(updated.price()).isEqualByComparingTo("19.50");
        assertThat(updated.stock()).isEqualTo(60);
        assertThat(updated.version()).isEqualTo(2);
        assertThat(catalog(one).info(3)).isEqualTo(updated);
        assertThatThrownBy(() -> catalog(one).update(3, new BookUpdate(null, null, -61)))
                .isInstanceOf(OutOfStockException.class);
        assertThat(catalog(one).info(3)).isEqualTo(updated);
        assertIdentical();
    }

    @Test
    void startupRepairCopiesTheNewestRowAndMissingPurchases() throws IOException {
        catalog(one).purchase(4, 1, "k-1");
        // As if the process died after committing on catalog-1 but before catalog-2: roll catalog-2 back by hand.
        two.databases().all().get(1).jdbi().useHandle(h -> {
            h.execute("UPDATE books SET stock = 100, version = 1 WHERE id = 4");
            h.execute("DELETE FROM purchases");
        });
        assertThat(new ReplicaComparison(one.databases(), CatalogApplication.TABLES).compare().identical()).isFalse();

        int copied = new CatalogStartup(two.databases(), schema(), CatalogDaoTest::seed).run();

        assertThat(copied).isEqualTo(2);
        assertIdentical();
        assertThat(catalog(two).info(4).stock()).isEqualTo(99);
    }

    @Test
    void aCancelledKeyIsRefusedWhenItsPurchaseArrivesLate() {
        PurchaseCancellation cancelled = catalog(two).cancel("late-key");

        assertThat(cancelled).isEqualTo(PurchaseCancellation.notApplied("late-key"));
        assertThatThrownBy(() -> catalog(one).purchase(5, 1, "late-key"))
                .isInstanceOf(PurchaseCancelledException.class)
                .hasMessageContaining("purchase key 'late-key' was cancelled")
                .extracting(e -> ((PurchaseCancelledException) e).getResponse().getStatus()).isEqualTo(410);
        assertThat(catalog(one).info(5).stock()).isEqualTo(100);
        assertThat(catalog(one).info(5).version()).isEqualTo(1);
        assertThat(catalog(one).cancel("late-key")).as("cancelling again answers the same").isEqualTo(cancelled);
        assertIdentical();
    }

    @Test
    void cancellingAKeyThatBoughtAnswersThatPurchaseAndTakesNothing() {
        Book bought = catalog(one).purchase(6, 2, "bought-key");

        PurchaseCancellation answer = catalog(two).cancel("bought-key");

        assertThat(answer).isEqualTo(PurchaseCancellation.applied("bought-key", 2, bought));
        assertThat(catalog(two).info(6)).isEqualTo(bought);
        assertThat(catalog(one).purchase(6, 2, "bought-key")).as("the purchase still answers").isEqualTo(bought);
        assertThat(catalog(one).info(6).stock()).isEqualTo(98);
        assertIdentical();
    }

    @Test
    void aCrashBetweenTheCommitsOfAPurchaseIsRepairedAtTheNextStartWithTheWriteOnce() throws IOException {
        Book before = catalog(one).info(7);
        assertThatThrownBy(() -> catalog(haltingOnFirstWrite(one)).purchase(7, 3, "crashed")).isInstanceOf(Halted.class);
        // catalog-1.db has the purchase, catalog-2.db does not: the databases differ by exactly that write.
        assertThat(bookIn(1, 7).stock()).isEqualTo(before.stock() - 3);
        assertThat(bookIn(2, 7)).isEqualTo(before);
        assertThat(new ReplicaComparison(one.databases(), CatalogApplication.TABLES).compare().identical()).isFalse();

        List<Book> toldFrontEnds = new ArrayList<>();
        int copied = new CatalogStartup(two.databases(), schema(), CatalogDaoTest::seed).run(toldFrontEnds::add);

        assertThat(copied).isEqualTo(2);
        assertIdentical();
        for (int db = 1; db <= 2; db++) {
            assertThat(bookIn(db, 7).stock()).isEqualTo(before.stock() - 3);
            assertThat(bookIn(db, 7).version()).isEqualTo(before.version() + 1);
        }
        assertThat(toldFrontEnds).containsExactly(bookIn(1, 7));
        assertThat(catalog(two).purchase(7, 3, "crashed").stock()).as("a retry is answered, not applied")
                .isEqualTo(before.stock() - 3);
        assertThat(catalog(two).info(7).stock()).isEqualTo(before.stock() - 3);
    }

    @Test
    void aRetryOfAPurchaseWhoseProcessDiedBetweenCommitsBringsTheOtherDatabaseUpToDate() {
        Book before = catalog(one).info(3);
        assertThatThrownBy(() -> catalog(haltingOnFirstWrite(one)).purchase(3, 1, "retried-elsewhere"))
                .isInstanceOf(Halted.class);

        Book answered = catalog(two).purchase(3, 1, "retried-elsewhere");

        assertThat(answered.stock()).isEqualTo(before.stock() - 1);
        assertThat(catalog(two).info(3)).as("catalog-2 reads its own database").isEqualTo(answered);
        assertIdentical();
    }

    @Test
    void aCrashBetweenTheCommitsOfACancellationIsRepairedAndTheKeyStaysRefused() throws IOException {
        assertThatThrownBy(() -> catalog(haltingOnFirstWrite(one)).cancel("half-cancelled")).isInstanceOf(Halted.class);
        assertThatThrownBy(() -> catalog(two).purchase(1, 1, "half-cancelled"))
                .as("decided on the first database, which has the cancellation")
                .isInstanceOf(PurchaseCancelledException.class);

        assertThat(new CatalogStartup(two.databases(), schema(), CatalogDaoTest::seed).run()).isEqualTo(1);

        assertIdentical();
    }

    /** One process's databases, as seen by one that halts right after the first commit of its first write. */
    private ReplicatedDatabasesFactory.Opened haltingOnFirstWrite(ReplicatedDatabasesFactory.Opened process) {
        HaltBetweenCommits halt = new HaltBetweenCommits(1, why -> {
            throw new Halted(why);
        });
        halt.arm();
        ReplicatedDatabases databases = process.databases();
        return new ReplicatedDatabasesFactory.Opened(
                new ReplicatedDatabases(databases.all(), databases.own().name(), halt), List.of());
    }

    /** The book as catalog database {@code n} holds it. */
    private Book bookIn(int n, long id) {
        return one.databases().all().get(n - 1).jdbi().withHandle(h -> h.attach(CatalogDao.class).find(id).orElseThrow());
    }

    /** Stands for the halted JVM: thrown after the first commit, so the other database rolls back. */
    private static final class Halted extends RuntimeException {
        Halted(String why) {
            super(why);
        }
    }

    private void assertIdentical() {
        var report = new ReplicaComparison(one.databases(), CatalogApplication.TABLES).compare();
        assertThat(report.identical()).as(String.join("\n", report.lines())).isTrue();
    }

    /** A catalog whose only front end is unreachable: invalidations queue and do not slow the writes. */
    private Catalog catalog(ReplicatedDatabasesFactory.Opened opened) {
        RoundRobinClient nowhere = new RoundRobinClient("frontend", List.of(new ReplicaAddress("frontend", "http://127.0.0.1:1")),
                HttpClients.createDefault(), Duration.ofSeconds(1), System::nanoTime);
        return new Catalog(opened.databases(), new InvalidationNotifier(nowhere, "Bearer t", new ObjectMapper(),
                Executors.newSingleThreadScheduledExecutor(), Duration.ofHours(1), Duration.ofHours(1)));
    }

    private static String schema() throws IOException {
        try (InputStream in = CatalogDaoTest.class.getResourceAsStream("/db/catalog-schema.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<SeedBook> seed() {
        List<SeedBook> books = new ArrayList<>();
        String[] topics = {"distributed systems", "distributed systems", "undergraduate school", "undergraduate school",
                "distributed systems", "undergraduate school", "undergraduate school"};
        for (int i = 0; i < topics.length; i++) {
            books.add(new SeedBook(i + 1, "Book " + (i + 1), topics[i], new BigDecimal("10.00"), 100));
        }
        return books;
    }
}
