package com.bazar.bench;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JMH smoke run of {@code mvn verify}: one in-process benchmark for about a second, in this JVM, so the
 * benchmarks cannot silently stop compiling or running. The purchase is the one that touches the most of the
 * services' code (catalog schema and seed, ReplicatedDatabases on two SQLite files, the invalidation push),
 * here with two writers taking turns, which sets up both.
 */
class BenchmarkSmokeTest {
    @Test
    void theDualWrittenPurchaseRunsForASecond() throws Exception {
        RunResult result = new Runner(new OptionsBuilder()
                .include("^" + CatalogBenchmark.class.getName() + ".purchaseDualWrite$")
                .param("writers", "2")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.seconds(1))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build()).runSingle();

        assertThat(result.getPrimaryResult().getScoreUnit()).isEqualTo("us/op");
        assertThat(result.getPrimaryResult().getScore()).isPositive();
        assertThat(result.getPrimaryResult().getStatistics().getN()).isEqualTo(1);
    }
}
