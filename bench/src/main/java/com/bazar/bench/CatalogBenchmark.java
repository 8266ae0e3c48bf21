package com.bazar.bench;

import com.bazar.bench.support.AnsweringHttpClient;
import com.bazar.bench.support.Books;
import com.bazar.catalog.core.Catalog;
import com.bazar.catalog.core.CatalogStartup;
import com.bazar.catalog.core.InvalidationNotifier;
import com.bazar.catalog.db.CatalogDao;
import com.bazar.common.api.Book;
import com.bazar.common.api.BookUpdate;
import com.bazar.common.client.ReplicaAddress;
import com.bazar.common.client.RoundRobinClient;
import com.bazar.common.db.ReplicaDatabaseFactory;
import com.bazar.common.db.ReplicatedDatabasesFactory;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
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
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The catalog's database work in process, on two temporary SQLite files set up as the catalog sets up its own
 * (its schema and seven-book seed, WAL, {@code synchronous} as in configs/catalog-*.yml, a 10 s busy timeout):
 * a JDBI read of one book from this replica's database, and a purchase — the conditional decrement with its
 * idempotency record — dual-written to both files through {@code ReplicatedDatabases}, a new key each time.
 * The invalidation push after each purchase goes to an in-memory front end ({@link AnsweringHttpClient}), so
 * it costs its JSON and the client's work but no network. The stock is set back to a million before each
 * iteration.
 *
 * <p>With {@code writers=2}, purchases alternate between two writers on the same two files, each with its own
 * connections, as catalog-1 and catalog-2 are (or order-1 and order-2 for the order databases): SQLite drops a
 * connection's page cache whenever another connection wrote the file, so each purchase starts cold. The
 * difference to {@code writers=1} is what alternating writers cost the store.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CatalogBenchmark {
    private static final long READ_BOOK = 1;
    private static final long BUY_BOOK = 7;
    private static final int STOCK = 1_000_000;

    /** SQLite's synchronous mode: NORMAL is the configs' default (BAZAR_SQLITE_SYNCHRONOUS); FULL syncs every commit. */
    @Param({"NORMAL"})
    public String synchronous;

    /** How many writers (each with its own connections to both files) take turns at the purchases: 1 or 2. */
    @Param({"1"})
    public int writers;

    private Path directory;
    private final List<ReplicatedDatabasesFactory.Opened> opened = new ArrayList<>();
    private ScheduledExecutorService retries;
    /** The writers' catalogs; the first one also serves the reads. */
    private final List<Catalog> catalogs = new ArrayList<>();
    private Catalog catalog;
    private String keyPrefix;
    private final AtomicLong keys = new AtomicLong();

    @Setup(Level.Trial)
    public void open() throws IOException {
        ObjectMapper mapper = Jackson.newObjectMapper();
        if (writers < 1 || writers > 2) {
            throw new IllegalArgumentException("writers is 1 or 2, not " + writers);
        }
        directory = Files.createTempDirectory("bazar-bench-catalog");
        RoundRobinClient frontends = new RoundRobinClient("frontend",
                List.of(new ReplicaAddress("frontend", "http://frontend.invalid")),
                new AnsweringHttpClient(204, new byte[0]), Duration.ofSeconds(1), System::nanoTime);
        retries = Executors.newSingleThreadScheduledExecutor();
        for (int writer = 1; writer <= writers; writer++) {
            ReplicatedDatabasesFactory factory = new ReplicatedDatabasesFactory();
            factory.setOwn("catalog-" + writer);
            factory.setReplicas(List.of(sqlite("catalog-1"), sqlite("catalog-2")));
            ReplicatedDatabasesFactory.Opened databases = factory.open(new MetricRegistry(), CatalogDao.class);   // as the service builds them
            opened.add(databases);
            new CatalogStartup(databases.databases(), Books.schema(), () -> Books.seed(mapper)).run();
            InvalidationNotifier notifier = new InvalidationNotifier(frontends, "Bearer bench", mapper, retries,
                    Duration.ofMillis(500), Duration.ofSeconds(30));
            catalogs.add(new Catalog(databases.databases(), notifier));
        }
        catalog = catalogs.get(0);
        keyPrefix = "bench-" + UUID.randomUUID() + "-";
    }

    @Setup(Level.Iteration)
    public void restock() {
        catalog.update(BUY_BOOK, new BookUpdate(null, STOCK, null));
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        retries.shutdownNow();
        for (ReplicatedDatabasesFactory.Opened databases : opened) {
            databases.close();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** GET /books/1 without HTTP: a pooled JDBI handle, the DAO's SELECT, the row mapped to a Book. */
    @Benchmark
    public Book readOneBook() {
        return catalog.info(READ_BOOK);
    }

    /** POST /books/7/purchase without HTTP: both databases locked in order, decrement, record, commit both, notify. */
    @Benchmark
    public Book purchaseDualWrite() {
        long n = keys.incrementAndGet();
        return catalogs.get((int) (n % writers)).purchase(BUY_BOOK, 1, keyPrefix + n);
    }

    private ReplicaDatabaseFactory sqlite(String name) {
        ReplicaDatabaseFactory db = new ReplicaDatabaseFactory();
        db.setName(name);
        db.setDriverClass("org.sqlite.JDBC");
        db.setUrl("jdbc:sqlite:" + directory.resolve(name + ".db"));
        db.setProperties(Map.of("journal_mode", "WAL", "synchronous", synchronous, "busy_timeout", "10000",
                "wal_autocheckpoint", "10000"));
        db.setInitialSize(1);
        db.setMinSize(1);
        db.setMaxSize(8);
        return db;
    }
}
