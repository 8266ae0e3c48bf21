package com.bazar.bench.table;

import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The options of {@code ./bazar bench}. */
record Settings(int requests, int warmup, int forks, TimeValue warmupTime, TimeValue time, TimeValue storeWarmup,
                TimeValue purchaseWarmup,
                List<Integer> clients, int sellOutStock, Path root, Path out, Path work, boolean strict) {

    static final String USAGE = """
            Usage: ./bazar bench [--requests N] [options]

            Starts the store on free ports with temporary databases, caching on, then restarts its front end with
            caching off; runs the JMH HTTP benchmarks of bench/ against it, stops it, and writes the report's
            latency table: latency-table.md, .csv and .png, with PASS/FAIL for each target.

              --requests N      timed requests per row of the table, one client, one at a time (default 1000)
              --warmup N        untimed requests before each row (default: the same as --requests)
              --time D          measurement time of each concurrent and throughput run, e.g. 3s, 500ms (default 3s)
              --warmup-time D   warm-up time before each of those runs (default 2s)
              --store-warmup D  before any figure, each call of the store is run for D with 4 clients, so the store's
                                JIT has compiled its paths (default 10s; 0 skips it)
              --purchase-warmup D  before any purchase is timed, purchases run for D with 16 clients (default 120s:
                                a purchase runs through three processes, whose compilers need minutes of load on 2
                                cores; 0 skips it)
              --clients LIST    concurrent clients for the p50/p99 comparison (default 1,4,16)
              --forks N         JMH forks per run: 1 (default) runs each in a fresh JVM; 0 runs them in this one
              --sell-out N      stock of the book that 16 clients then buy until it is sold out (default 200)
              --out DIR         where the three files go (default bench/results)
              --strict          exit 1 when a target is missed (a broken invariant always exits 1)
            """;

    static Settings parse(String[] args) {
        int requests = 1000;
        Integer warmup = null;
        int forks = 1;
        TimeValue warmupTime = TimeValue.seconds(2);
        TimeValue time = TimeValue.seconds(3);
        TimeValue storeWarmup = TimeValue.seconds(10);
        TimeValue purchaseWarmup = TimeValue.seconds(120);
        List<Integer> clients = List.of(1, 4, 16);
        int sellOut = 200;
        Path root = Path.of(".");
        Path out = null;
        Path work = null;
        boolean strict = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--requests" -> requests = positive(arg, value(args, ++i, arg));
                case "--warmup" -> warmup = nonNegative(arg, value(args, ++i, arg));
                case "--forks" -> forks = nonNegative(arg, value(args, ++i, arg));
                case "--time" -> time = duration(arg, value(args, ++i, arg));
                case "--warmup-time" -> warmupTime = duration(arg, value(args, ++i, arg));
                case "--store-warmup" -> storeWarmup = durationOrNone(arg, value(args, ++i, arg));
                case "--purchase-warmup" -> purchaseWarmup = durationOrNone(arg, value(args, ++i, arg));
                case "--clients" -> clients = clientList(value(args, ++i, arg));
                case "--sell-out" -> sellOut = positive(arg, value(args, ++i, arg));
                case "--root" -> root = Path.of(value(args, ++i, arg));
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--work" -> work = Path.of(value(args, ++i, arg));
                case "--strict" -> strict = true;
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        root = root.toAbsolutePath().normalize();
        out = (out == null ? root.resolve("bench").resolve("results") : out).toAbsolutePath().normalize();
        work = (work == null ? Path.of(System.getProperty("java.io.tmpdir")) : work).toAbsolutePath().normalize();
        return new Settings(requests, warmup == null ? requests : warmup, forks, warmupTime, time, storeWarmup,
                purchaseWarmup, clients,
                sellOut, root, out, work, strict);
    }

    String commandLine() {
        return "./bazar bench --requests " + requests + (warmup != requests ? " --warmup " + warmup : "")
                + " --time " + time + " --warmup-time " + warmupTime + " --store-warmup " + shown(storeWarmup)
                + " --purchase-warmup " + shown(purchaseWarmup)
                + " --forks " + forks;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String option, String value) {
        int n = nonNegative(option, value);
        if (n == 0) {
            throw new IllegalArgumentException(option + " must be at least 1");
        }
        return n;
    }

    private static int nonNegative(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, not '" + value + "'");
        }
    }

    /** A warm-up option: a duration, or "0" for none. */
    private static TimeValue durationOrNone(String option, String value) {
        return value.equals("0") ? TimeValue.NONE : duration(option, value);
    }

    /** A warm-up as its option takes it back: "0" for none. */
    private static String shown(TimeValue warmup) {
        return warmup.getTime() == 0 ? "0" : warmup.toString();
    }

    private static TimeValue duration(String option, String value) {
        try {
            TimeValue parsed = TimeValue.fromString(value);
            if (parsed.getTime() <= 0) {
                throw new IllegalArgumentException();
            }
            return parsed;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + " takes a duration such as 3s or 500ms, not '" + value + "'");
        }
    }

    private static List<Integer> clientList(String value) {
        List<Integer> list = new ArrayList<>();
        for (String part : value.split(",")) {
            list.add(positive("--clients", part.trim()));
        }
        return List.copyOf(list);
    }
}
