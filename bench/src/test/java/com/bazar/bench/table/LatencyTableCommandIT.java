package com.bazar.bench.table;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smoke run of {@code ./bazar bench --requests 20} in {@code mvn verify}: the real command, the real store
 * (runnable jars, free ports, temporary databases under target/), JMH in-process with short iterations. It
 * checks that the three files are written with every row and a verdict per target, that no purchase oversold,
 * and that no process the command started is left behind. The figures themselves are not judged here: a
 * 20-request run on a busy build machine says nothing about the targets.
 */
class LatencyTableCommandIT {
    private static final Path ROOT = Path.of(System.getProperty("bazar.root", "..")).toAbsolutePath().normalize();
    private static final Path TARGET = ROOT.resolve("bench").resolve("target");

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void benchWithTwentyRequestsWritesTheTable() throws Exception {
        Path out = Files.createDirectories(TARGET.resolve("bench-smoke"));
        Path tmp = Files.createDirectories(TARGET.resolve("bench-smoke-tmp"));
        try (var earlier = Files.list(tmp)) {
            assertThat(earlier).as("%s is empty before the run", tmp).isEmpty();
        }
        Path log = TARGET.resolve("bench-smoke.log");
        ProcessBuilder command = new ProcessBuilder(ROOT.resolve("bazar").toString(), "bench",
                "--requests", "20", "--warmup", "10", "--forks", "0", "--time", "200ms", "--warmup-time", "200ms",
                "--store-warmup", "200ms", "--purchase-warmup", "200ms", "--sell-out", "20", "--out", out.toString())
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        command.environment().put("BAZAR_BENCH_NO_BUILD", "1");   // mvn verify has just built every jar
        command.environment().put("BAZAR_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.environment().put("TMPDIR", tmp.toString());
        Process bench = command.start();
        List<ProcessHandle> left;
        try {
            boolean finished = bench.waitFor(4, TimeUnit.MINUTES);
            assertThat(finished).as("./bazar bench finished; its output: %s", log).isTrue();
        } finally {
            bench.descendants().forEach(ProcessHandle::destroyForcibly);
            bench.destroyForcibly();
            // Every process the command starts has the run's directory (under tmp) on its command line.
            left = ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                    .map(line -> line.contains(tmp.toString())).orElse(false)).toList();
            left.forEach(ProcessHandle::destroyForcibly);
        }
        String output = Files.readString(log);
        assertThat(bench.exitValue()).as(output).isZero();
        assertThat(left).as("processes left running by ./bazar bench").isEmpty();

        String md = Files.readString(out.resolve("latency-table.md"));
        assertThat(md.lines().filter(l -> l.matches("\\| (Front end|Order|Catalog) \\|.*"))).hasSize(16);
        assertThat(md.lines().filter(l -> l.matches("(PASS|FAIL)  .*"))).hasSize(4);
        assertThat(md).contains("stock taken = orders recorded on every replica").contains("copies, sold exactly 20");
        assertThat(Files.readAllLines(out.resolve("latency-table.csv"))).hasSize(17);
        assertThat(ImageIO.read(out.resolve("latency-table.png").toFile())).isNotNull();
        assertThat(output).contains("bench: wrote");
        try (var remaining = Files.list(tmp)) {
            assertThat(remaining).as("the run's temporary directory is removed").isEmpty();
        }
    }
}
