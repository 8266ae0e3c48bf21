package com.bazar.bench.table;

import com.bazar.bench.http.StoreAddresses;
import com.bazar.bench.http.StoreBenchmark;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./bazar bench}: the report's latency table, reproduced from JMH runs against the real store. Starts the
 * store with caching on, measures the hit, purchase, order and catalog rows, the lab's questions, the concurrent
 * figures and the throughput targets, checks that no purchase oversold, stops it; starts it again with caching
 * off for the miss rows; then writes latency-table.md, .csv and .png and prints the table with PASS/FAIL per
 * target. Exit status: 0, or 1 when a run fails, an invariant is broken, or (with --strict) a target is missed.
 */
public final class LatencyTableCommand {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Settings settings;
    private final PrintStream out;
    private final Results results = new Results();

    private LatencyTableCommand(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.print(Settings.USAGE);
            System.exit(0);
        }
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(Settings.USAGE);
            System.exit(2);
            return;
        }
        try {
            System.exit(new LatencyTableCommand(settings, out).run());
        } catch (Exception e) {
            System.err.println("bench: FAILED: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
    }

    private int run() throws Exception {
        results.started = now();
        Optional<MachineLoad.Snapshot> before = MachineLoad.snapshot();
        String loadBefore = MachineLoad.loadAverage();
        out.println("bench: " + settings.commandLine() + "; load average (1/5/15 min) before: " + loadBefore);

        measure();

        results.finished = now();
        results.machine.add(Runtime.getRuntime().availableProcessors() + " CPUs; the store's five JVMs, the JMH client"
                + " JVM and this command share them.");
        results.machine.add("Load average (1/5/15 min) before the run: " + loadBefore + "; after: "
                + MachineLoad.loadAverage() + ".");
        results.machine.add(MachineLoad.othersShare(before, MachineLoad.snapshot()));
        results.machine.add("JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + "; store JVM options (BAZAR_JAVA_OPTS): " + Optional.ofNullable(System.getenv("BAZAR_JAVA_OPTS"))
                .filter(s -> !s.isBlank()).orElse("none") + "; SQLite synchronous="
                + Optional.ofNullable(System.getenv("BAZAR_SQLITE_SYNCHRONOUS")).orElse("NORMAL") + " (journal WAL).");

        List<Targets.Verdict> verdicts = Targets.judge(results);
        Files.createDirectories(settings.out());
        Path md = settings.out().resolve("latency-table.md");
        Files.writeString(md, TableWriter.markdown(results, settings, verdicts));
        Files.writeString(settings.out().resolve("latency-table.csv"), TableWriter.csv(results));
        Path png = settings.out().resolve("latency-table.png");
        try {
            Chart.write(results, png);
        } catch (Exception | Error e) {   // e.g. no fonts on a stripped-down JDK: the table still stands
            out.println("bench: could not draw " + png + ": " + e);
        }

        out.println();
        out.print(TableWriter.markdown(results, settings, verdicts).lines()
                .takeWhile(line -> !line.startsWith("## The lab")).reduce("", (a, b) -> a + b + "\n"));
        out.println("bench: wrote " + md + ", latency-table.csv, latency-table.png");

        boolean sound = results.purchaseAccounting.sound() && results.sellOut.sound();
        if (!sound) {
            out.println("bench: FAILED: purchases and stock disagree (see above)");
            return 1;
        }
        boolean allPass = verdicts.stream().allMatch(Targets.Verdict::pass);
        return settings.strict() && !allPass ? 1 : 0;
    }

    /** The store with caching on for everything but the miss rows; then its front end with caching off. */
    private void measure() throws Exception {
        out.println("bench: starting the store with caching on (load " + MachineLoad.loadAverage() + ")");
        long starting = System.nanoTime();
        try (Store store = Store.start(settings.root(), settings.work().resolve("store"),
                Map.of("BAZAR_CACHE_ENABLED", "true"), START_TIMEOUT)) {
            out.printf("bench: the store is up (%d s); pids %s%n", (System.nanoTime() - starting) / 1_000_000_000,
                    store.pids());
            try {
                cacheOn(store.addresses());
                out.println("bench: restarting the front end with caching off (BAZAR_CACHE_ENABLED=false)");
                store.restart("frontend", Map.of("BAZAR_CACHE_ENABLED", "false"), START_TIMEOUT);
                cacheOff(store.addresses());
            } catch (Exception | Error e) {
                showLogs(store);
                throw e;
            }
        }
    }

    private void cacheOn(StoreAddresses addresses) throws Exception {
        JmhRuns jmh = new JmhRuns(settings, addresses, settings.work().resolve("jmh-cache-on"), out);
        try (Inventory inventory = new Inventory(addresses)) {
            inventory.setStock(StoreBenchmark.BUY_BOOK, 1_000_000);
            long stockBefore = inventory.stock(StoreBenchmark.BUY_BOOK)[0];
            long[] ordersBefore = inventory.newestOrderIds();

            // A fresh store spends its first minutes compiling (each JVM's C2 thread uses seconds of CPU): let it.
            out.println("bench: warming the store up (" + settings.storeWarmup() + " per call, 4 clients)");
            jmh.warmUp("frontendInfo", "frontend");
            jmh.warmUp("frontendSearch", "frontend");
            // The purchase path crosses three JVMs, which need the longest: its rows are timed only after it.
            out.println("bench: warming purchases up (" + settings.purchaseWarmup() + ", 16 clients)");
            jmh.warmUp("frontendPurchase", "any", 16, settings.purchaseWarmup());
            for (String catalog : List.of("catalog-1", "catalog-2")) {
                jmh.warmUp("catalogInfo", catalog);
                jmh.warmUp("catalogSearch", catalog);
                jmh.warmUp("catalogUpdate", catalog);
            }
            jmh.warmUp("invalidation", "any");

            for (Row row : Row.REPORT) {
                if (row.cacheOn()) {
                    results.rows.put(row, jmh.sequential(row.label(), row.method(), row.via(), StoreBenchmark.BUY_BOOK,
                            row.expectedMs()));
                }
            }
            results.invalidation = jmh.sequential("invalidation POST alone", "invalidation", "any",
                    StoreBenchmark.BUY_BOOK, 0.3);
            results.missAfterWrite = jmh.sequential("info, the miss right after a write",
                    "frontendInfoAfterWrite", "any", StoreBenchmark.BUY_BOOK, 3);
            for (int clients : settings.clients()) {
                concurrent("info, hit", clients, jmh.sampled("info hit, " + clients + " clients", "frontendInfo",
                        "frontend", StoreBenchmark.BUY_BOOK, clients));
                concurrent("purchase", clients, jmh.sampled("purchase, " + clients + " clients",
                        "frontendPurchase", "any", StoreBenchmark.BUY_BOOK, clients));
            }
            results.ping16 = jmh.throughput("front end admin /ping, 16 connections", "frontendPing", "any",
                    StoreBenchmark.BUY_BOOK, 16, settings.warmupTime(), settings.time());
            results.infoHit16 = jmh.throughput("info hit, 16 connections", "frontendInfo", "frontend",
                    StoreBenchmark.BUY_BOOK, 16, settings.warmupTime(), settings.time());
            results.purchases16 = jmh.throughput("purchases, 16 connections", "frontendPurchaseCounted", "any",
                    StoreBenchmark.BUY_BOOK, 16, settings.warmupTime(), settings.time());

            long[] ordersAfter = inventory.newestOrderIds();
            results.purchaseAccounting = new Results.Accounting("book " + StoreBenchmark.BUY_BOOK
                    + ", every purchase of the run", stockBefore, inventory.stock(StoreBenchmark.BUY_BOOK),
                    new long[]{ordersAfter[0] - ordersBefore[0], ordersAfter[1] - ordersBefore[1]}, false);
            out.println("  no oversell: " + results.purchaseAccounting.describe()
                    + (results.purchaseAccounting.sound() ? " — sound" : " — NOT SOUND"));

            inventory.setStock(StoreBenchmark.SELL_OUT_BOOK, settings.sellOutStock());
            long[] soldOutBefore = inventory.ordersOf(StoreBenchmark.SELL_OUT_BOOK);
            // 16 clients buy until the book is sold out: the last copies go while all 16 compete for them.
            for (int round = 1; round <= 10 && inventory.stock(StoreBenchmark.SELL_OUT_BOOK)[0] > 0; round++) {
                jmh.throughput("sell-out of book " + StoreBenchmark.SELL_OUT_BOOK + ", 16 connections, round " + round,
                        "frontendPurchaseCounted", "any", StoreBenchmark.SELL_OUT_BOOK, 16, TimeValue.NONE,
                        settings.time());
            }
            long[] soldOutAfter = inventory.ordersOf(StoreBenchmark.SELL_OUT_BOOK);
            results.sellOut = new Results.Accounting("book " + StoreBenchmark.SELL_OUT_BOOK + " sold out by 16"
                    + " clients", settings.sellOutStock(), inventory.stock(StoreBenchmark.SELL_OUT_BOOK),
                    new long[]{soldOutAfter[0] - soldOutBefore[0], soldOutAfter[1] - soldOutBefore[1]}, true);
            out.println("  sell-out: " + results.sellOut.describe()
                    + (results.sellOut.sound() ? " — sound" : " — NOT SOUND"));
        }
    }

    private void cacheOff(StoreAddresses addresses) throws Exception {
        JmhRuns jmh = new JmhRuns(settings, addresses, settings.work().resolve("jmh-cache-off"), out);
        out.println("bench: warming the new front end up");
        jmh.warmUp("frontendInfo", "any");
        jmh.warmUp("frontendSearch", "any");
        Map<Row, Measured> misses = new LinkedHashMap<>();
        for (Row row : Row.REPORT) {
            if (!row.cacheOn()) {
                misses.put(row, jmh.sequential(row.label(), row.method(), row.via(), StoreBenchmark.BUY_BOOK,
                        row.expectedMs()));
            }
        }
        for (int clients : settings.clients()) {
            concurrent("info, miss (caching off)", clients, jmh.sampled("info miss, " + clients + " clients",
                    "frontendInfo", "any", StoreBenchmark.BUY_BOOK, clients));
        }
        // The table in the report's order.
        Map<Row, Measured> ordered = new LinkedHashMap<>();
        for (Row row : Row.REPORT) {
            ordered.put(row, row.cacheOn() ? results.rows.get(row) : misses.get(row));
        }
        results.rows.clear();
        results.rows.putAll(ordered);
    }

    private void concurrent(String call, int clients, Measured m) {
        results.concurrent.computeIfAbsent(call, k -> new LinkedHashMap<>()).put(clients, m);
    }

    private void showLogs(Store store) {
        for (String name : List.of("frontend", "catalog-1", "catalog-2", "order-1", "order-2")) {
            System.err.println("----- last lines of " + store.log(name) + " -----");
            System.err.println(store.logTail(name, 15));
        }
    }

    private static String now() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(TIME);
    }
}
