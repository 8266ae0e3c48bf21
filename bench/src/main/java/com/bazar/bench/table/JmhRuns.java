package com.bazar.bench.table;

import com.bazar.bench.http.StoreAddresses;
import com.bazar.bench.http.StoreBenchmark;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs {@link StoreBenchmark} methods through JMH's Runner against one running store, one JMH run per figure,
 * and turns the results into {@link Measured}. Each run's full JMH output goes to its own log file.
 */
final class JmhRuns {
    private static final long MAX_ROW_MS = 60_000;
    private static final long MAX_WARMUP_MS = 10_000;

    private final Settings settings;
    private final StoreAddresses store;
    private final Path logs;
    private final PrintStream out;
    private int runs;

    JmhRuns(Settings settings, StoreAddresses store, Path logs, PrintStream out) throws IOException {
        this.settings = settings;
        this.store = store;
        this.logs = Files.createDirectories(logs);
        this.out = out;
    }

    /**
     * The report's sequential client: one thread, sample-time mode (every request timed), {@code requests} timed
     * requests after about {@code warmup} untimed ones. JMH runs for a time, not a count, so the times come from
     * {@code expectedMs} (a guess of one request's latency, including any untimed line-up request before it);
     * when the guess was too low, the row is run again, long enough — but never longer than a minute (warm-up:
     * 10 s), so a very slow row shows fewer requests rather than holding the run up.
     */
    Measured sequential(String label, String method, String via, long book, double expectedMs) throws RunnerException {
        TimeValue measurement = forRequests(settings.requests(), expectedMs, MAX_ROW_MS);
        Measured m = Measured.latency(label, run(label, sampleTime(method, via, book, 1,
                forRequests(settings.warmup(), expectedMs, MAX_WARMUP_MS), measurement)));
        long measuredMs = measurement.convertTo(TimeUnit.MILLISECONDS);
        if (m.requests() < settings.requests() && measuredMs < MAX_ROW_MS) {
            double observedMs = (double) measuredMs / Math.max(1, m.requests());
            out.printf(Locale.ROOT, "  %-44s %d requests in %d ms: once more, for longer%n", label, m.requests(), measuredMs);
            m = Measured.latency(label, run(label, sampleTime(method, via, book, 1,
                    forRequests(settings.warmup(), observedMs, MAX_WARMUP_MS),
                    forRequests(settings.requests(), observedMs * 1.25, MAX_ROW_MS))));
        }
        out.printf(Locale.ROOT, "  %-44s mean %8.3f ms  p50 %8.3f  p99 %8.3f  (%d requests)%n",
                label, m.meanMs(), m.p50Ms(), m.p99Ms(), m.requests());
        return m;
    }

    /** Sample-time mode with {@code threads} concurrent clients, each request timed. */
    Measured sampled(String label, String method, String via, long book, int threads) throws RunnerException {
        Measured m = Measured.latency(label, run(label, sampleTime(method, via, book, threads, settings.warmupTime(),
                settings.time())));
        out.printf(Locale.ROOT, "  %-44s mean %8.3f ms  p50 %8.3f  p99 %8.3f  (%d samples)%n",
                label, m.meanMs(), m.p50Ms(), m.p99Ms(), m.requests());
        return m;
    }

    /** Throughput mode: requests per second with {@code threads} concurrent clients (one connection each). */
    Measured throughput(String label, String method, String via, long book, int threads,
                        TimeValue warmup, TimeValue measurement) throws RunnerException {
        ChainedOptionsBuilder options = timed(base(method, via, book, threads), warmup, measurement)
                .mode(Mode.Throughput)
                .timeUnit(TimeUnit.SECONDS);
        Measured m = Measured.throughput(label, run(label, options));
        out.printf(Locale.ROOT, "  %-44s %10.0f requests/s%s%n", label, m.perSecond(),
                m.secondaryPerSecond().isEmpty() ? "" : "  " + m.secondaryPerSecond());
        return m;
    }

    /** Runs a call of the store with 4 clients for --store-warmup, discarding the figure: JIT warm-up of the store. */
    void warmUp(String method, String via) throws RunnerException {
        warmUp(method, via, 4, settings.storeWarmup());
    }

    /** Runs a call of the store with {@code threads} clients for {@code time}, discarding the figure. */
    void warmUp(String method, String via, int threads, TimeValue time) throws RunnerException {
        if (time.getTime() == 0) {
            return;
        }
        String label = "store warm-up " + method + (via.equals("any") ? "" : " " + via) + ", " + threads + " clients";
        run(label, timed(base(method, via, StoreBenchmark.BUY_BOOK, threads), TimeValue.NONE, time)
                .mode(Mode.Throughput).timeUnit(TimeUnit.SECONDS));
    }

    private ChainedOptionsBuilder sampleTime(String method, String via, long book, int threads, TimeValue warmup,
                                             TimeValue measurement) {
        return timed(base(method, via, book, threads), warmup, measurement)
                .mode(Mode.SampleTime)
                .timeUnit(TimeUnit.MICROSECONDS);
    }

    /** Time for n requests of about ms each: at least the shorter of 1 s and --time, at most {@code cap} ms. */
    private TimeValue forRequests(int n, double ms, long cap) {
        long floor = Math.min(1000, settings.time().convertTo(TimeUnit.MILLISECONDS));
        return n == 0 ? TimeValue.NONE
                : TimeValue.milliseconds(Math.min(cap, Math.max(floor, (long) Math.ceil(n * ms))));
    }

    private ChainedOptionsBuilder timed(ChainedOptionsBuilder options, TimeValue warmup, TimeValue measurement) {
        return options.warmupIterations(warmup.getTime() > 0 ? 1 : 0)
                .warmupTime(warmup.getTime() > 0 ? warmup : TimeValue.milliseconds(1))
                .measurementIterations(1)
                .measurementTime(measurement);
    }

    private ChainedOptionsBuilder base(String method, String via, long book, int threads) {
        List<String> properties = new ArrayList<>();
        store.asProperties().forEach((name, value) -> {
            System.setProperty(StoreAddresses.PREFIX + name, value);     // for -f 0: the benchmarks run here
            properties.add("-D" + StoreAddresses.PREFIX + name + "=" + value);
        });
        return new OptionsBuilder()
                .include("^" + Pattern.quote(StoreBenchmark.class.getName() + "." + method) + "$")
                .param("via", via)
                .param("buyBook", String.valueOf(book))
                .threads(threads)
                .forks(settings.forks())
                .jvmArgsAppend(properties.toArray(String[]::new))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.NORMAL);
    }

    private RunResult run(String label, ChainedOptionsBuilder options) throws RunnerException {
        Path log = logs.resolve(String.format(Locale.ROOT, "%02d-%s.log", ++runs,
                label.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("(^-|-$)", "")));
        try {
            return new Runner(options.output(log.toString()).build()).runSingle();
        } catch (RunnerException e) {
            throw new RunnerException("JMH failed for '" + label + "'; its output: " + log + "\n" + tail(log), e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }
}
