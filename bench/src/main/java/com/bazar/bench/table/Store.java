package com.bazar.bench.table;

import com.bazar.bench.http.StoreAddresses;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The five Bazar processes for one benchmark phase, started as {@code ./bazar up} starts them (the runnable
 * jars with the YAML files of configs/, the JVM options of BAZAR_JAVA_OPTS), but on free ports and with a data
 * directory of their own, so a store already running on this machine is left alone. {@link #close()} (and a
 * shutdown hook, for Ctrl-C) stops every process it started.
 */
final class Store implements AutoCloseable {
    /** name → module. */
    private static final Map<String, String> PROCESSES = new LinkedHashMap<>();

    static {
        PROCESSES.put("catalog-1", "catalog");
        PROCESSES.put("catalog-2", "catalog");
        PROCESSES.put("order-1", "order");
        PROCESSES.put("order-2", "order");
        PROCESSES.put("frontend", "frontend");
    }

    /** Variables of the YAML files that would point this store elsewhere; the ones that tune it are kept. */
    private static final List<String> CLEARED = List.of("BAZAR_CATALOG_SEED", "BAZAR_CATALOG_1_HOST",
            "BAZAR_CATALOG_2_HOST", "BAZAR_ORDER_1_HOST", "BAZAR_ORDER_2_HOST", "BAZAR_FRONTEND_HOST");

    private final Path root;
    private final Path dataDir;
    private final Map<String, String> environment = new HashMap<>();
    private final Map<String, Integer> appPorts = new HashMap<>();
    private final Map<String, Integer> adminPorts = new HashMap<>();
    private final Map<String, Process> running = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread shutdownHook = new Thread(this::stopAll, "stop-bench-store");

    private Store(Path root, Path dataDir, Map<String, String> settings) throws IOException {
        this.root = root;
        this.dataDir = Files.createDirectories(dataDir);
        environment.put("BAZAR_DATA_DIR", dataDir.toString());
        environment.put("BAZAR_BIND_HOST", "127.0.0.1");
        for (String name : PROCESSES.keySet()) {
            String prefix = "BAZAR_" + name.toUpperCase().replace('-', '_');
            appPorts.put(name, freePort());
            adminPorts.put(name, freePort());
            environment.put(prefix + "_PORT", String.valueOf(appPorts.get(name)));
            environment.put(prefix + "_ADMIN_PORT", String.valueOf(adminPorts.get(name)));
        }
        environment.putAll(settings);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts the five processes and waits until each answers its health check. */
    static Store start(Path root, Path dataDir, Map<String, String> settings, Duration timeout) throws Exception {
        Store store = new Store(root, dataDir, settings);
        try {
            for (String name : PROCESSES.keySet()) {
                store.launch(name);
            }
            for (String name : PROCESSES.keySet()) {
                store.awaitHealthy(name, timeout);
            }
            return store;
        } catch (Exception | Error e) {
            store.close();
            throw e;
        }
    }

    /**
     * Stops one process and starts it again on the same ports and databases with some settings changed, e.g. the
     * front end with BAZAR_CACHE_ENABLED=false; waits for its health.
     */
    void restart(String name, Map<String, String> settings, Duration timeout) throws Exception {
        Process process = running.remove(name);
        if (process != null) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        environment.putAll(settings);
        launch(name);
        awaitHealthy(name, timeout);
    }

    StoreAddresses addresses() {
        return new StoreAddresses(app("frontend"), URI.create("http://127.0.0.1:" + adminPorts.get("frontend")),
                app("catalog-1"), app("catalog-2"), app("order-1"), app("order-2"),
                env("BAZAR_ADMIN_TOKEN", "dev-admin-token"), env("BAZAR_INTERNAL_TOKEN", "dev-internal-token"));
    }

    /** The process ids, for profiling a run (jcmd PID JFR.start …). */
    Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        running.forEach((name, process) -> pids.put(name, process.pid()));
        return pids;
    }

    Path log(String name) {
        return dataDir.resolve(name + ".log");
    }

    String logTail(String name, int lines) {
        try {
            List<String> all = Files.readAllLines(log(name));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private URI app(String name) {
        return URI.create("http://127.0.0.1:" + appPorts.get(name));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private void launch(String name) throws IOException {
        String module = PROCESSES.get(name);
        Path jar = root.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (mvn -DskipTests package)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String options = System.getenv("BAZAR_JAVA_OPTS");
        if (options != null && !options.isBlank()) {
            command.addAll(List.of(options.trim().split("\\s+")));
        }
        command.add("-Djava.io.tmpdir=" + dataDir);
        command.addAll(List.of("-jar", jar.toString(), "server", root.resolve("configs").resolve(name + ".yml").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(name).toFile()));
        CLEARED.forEach(builder.environment()::remove);
        builder.environment().putAll(environment);
        running.put(name, builder.start());
    }

    private void awaitHealthy(String name, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Process process = running.get(name);
        URI health = URI.create("http://127.0.0.1:" + adminPorts.get(name) + "/healthcheck");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail(name, 40));
            }
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // Still starting.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " not healthy after " + timeout.toSeconds() + " s:\n" + logTail(name, 40));
    }

    private void stopAll() {
        for (Process process : running.values()) {
            process.destroy();
        }
        for (Process process : running.values()) {
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        running.clear();
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is what is running.
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
