package com.bazar.bench.table;

import com.bazar.bench.http.StoreAddresses;
import com.bazar.launcher.StoreProcesses;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The five Bazar processes for one benchmark phase ({@link StoreProcesses}: the runnable jars with configs/*.yml,
 * on free ports, in a data directory of their own), with the JVM options of BAZAR_JAVA_OPTS as for
 * {@code ./bazar up}. {@link #close()} (and a shutdown hook, for Ctrl-C) stops every process it started.
 */
final class Store implements AutoCloseable {
    private final StoreProcesses processes;

    private Store(StoreProcesses processes) {
        this.processes = processes;
    }

    /** Starts the five processes and waits until each answers its health check. */
    static Store start(Path root, Path dataDir, Map<String, String> settings, Duration timeout) throws Exception {
        StoreProcesses processes = new StoreProcesses(root, dataDir, javaOptions(), settings);
        processes.startAll(timeout);
        return new Store(processes);
    }

    /**
     * Stops one process and starts it again on the same ports and databases with some settings changed, e.g. the
     * front end with BAZAR_CACHE_ENABLED=false; waits for its health.
     */
    void restart(String name, Map<String, String> settings, Duration timeout) throws Exception {
        processes.stop(name);
        processes.setEnvironment(settings);
        processes.start(name, timeout);
    }

    StoreAddresses addresses() {
        return new StoreAddresses(processes.app("frontend"), processes.admin("frontend"),
                processes.app("catalog-1"), processes.app("catalog-2"), processes.app("order-1"), processes.app("order-2"),
                env("BAZAR_ADMIN_TOKEN", "dev-admin-token"), env("BAZAR_INTERNAL_TOKEN", "dev-internal-token"));
    }

    /** The process ids, for profiling a run (jcmd PID JFR.start …). */
    Map<String, Long> pids() {
        return processes.pids();
    }

    Path log(String name) {
        return processes.log(name);
    }

    String logTail(String name, int lines) {
        return processes.logTail(name, lines);
    }

    @Override
    public void close() {
        processes.close();
    }

    private static List<String> javaOptions() {
        String options = System.getenv("BAZAR_JAVA_OPTS");
        return options == null || options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
