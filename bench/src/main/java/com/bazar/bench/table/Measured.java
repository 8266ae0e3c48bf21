package com.bazar.bench.table;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

import java.util.Map;
import java.util.TreeMap;

/**
 * One JMH result as the table shows it. Latency runs (single-shot or sample-time, microseconds per request) give
 * mean, p50, p99 and max in milliseconds and the number of timed requests; throughput runs give requests per
 * second, and their secondary counters (purchases and sold-out answers per second).
 */
record Measured(String what, long requests, double meanMs, double p50Ms, double p99Ms, double maxMs,
                double perSecond, Map<String, Double> secondaryPerSecond) {

    static Measured latency(String what, RunResult run) {
        Result<?> primary = run.getPrimaryResult();
        requireUnit(primary, "us/op");
        Statistics s = primary.getStatistics();
        return new Measured(what, s.getN(), s.getMean() / 1000.0, s.getPercentile(50) / 1000.0,
                s.getPercentile(99) / 1000.0, s.getMax() / 1000.0, Double.NaN, Map.of());
    }

    static Measured throughput(String what, RunResult run) {
        Result<?> primary = run.getPrimaryResult();
        requireUnit(primary, "ops/s");
        Map<String, Double> secondary = new TreeMap<>();
        run.getSecondaryResults().forEach((name, result) -> {
            if ("ops/s".equals(result.getScoreUnit())) {
                secondary.put(name, result.getScore());
            }
        });
        return new Measured(what, primary.getStatistics().getN(), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                primary.getScore(), secondary);
    }

    double secondary(String name) {
        return secondaryPerSecond.getOrDefault(name, Double.NaN);
    }

    private static void requireUnit(Result<?> result, String unit) {
        if (!unit.equals(result.getScoreUnit())) {
            throw new IllegalStateException("expected a result in " + unit + ", got " + result.getScoreUnit());
        }
    }
}
