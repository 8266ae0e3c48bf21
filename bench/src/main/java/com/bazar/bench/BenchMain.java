package com.bazar.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar bench/target/benchmarks.jar [JMH options]}: JMH's own command line, running the in-process
 * benchmarks. The HTTP benchmarks ({@code com.bazar.bench.http}) need a running store; they are left out unless
 * {@code -Dbazar.bench.store=true} is given (their addresses: {@code StoreAddresses}, default the ports of
 * {@code ./bazar up}). {@code ./bazar bench} runs them itself against a store it starts.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> jmhArgs = new ArrayList<>(List.of(args));
        if (!Boolean.getBoolean("bazar.bench.store")) {
            jmhArgs.add("-e");
            jmhArgs.add("com\\.bazar\\.bench\\.http\\.");
        }
        org.openjdk.jmh.Main.main(jmhArgs.toArray(String[]::new));
    }
}
