package com.bazar.launcher;

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
 * The five Bazar processes as {@code ./bazar up} starts them — the runnable jars with the YAML files of
 * configs/ — but on free ports and with a data directory of their own, so that a store already running on this
 * machine is left alone. Each process logs to {@code <dataDir>/<name>.log}. {@link #close()} (and a shutdown
 * hook, for Ctrl-C) stops every process started.
 */
public final class StoreProcesses implements AutoCloseable {
    /** name → module; the order of start-up does not matter, each waits for its health. */
    private static final Map<String, String> PROCESSES = new LinkedHashMap<>();

    static {
        PROCESSES.put("catalog-1", "catalog");
        PROCESSES.put("catalog-2", "catalog");
        PROCESSES.put("order-1", "order");
        PROCESSES.put("order-2", "order");
        PROCESSES.put("frontend", "frontend");
    }

    /** Variables of the YAML files that would point these processes elsewhere; the ones that tune them are kept. */
    private static final List<String> CLEARED = List.of("BAZAR_CATALOG_SEED", "BAZAR_CATALOG_1_HOST",
            "BAZAR_CATALOG_2_HOST", "BAZAR_ORDER_1_HOST", "BAZAR_ORDER_2_HOST", "BAZAR_FRONTEND_HOST");

    private final Path root;
    private final Path dataDir;
    private final List<String> jvmOptions;
    private final Map<String, String> environment = new HashMap<>();
    /** name → variables set for that process only, over {@link #environment}. */
    private final Map<String, Map<String, String>> processEnvironment = new HashMap<>();
    private final Map<String, Integer> appPorts = new HashMap<>();
    private final Map<String, Integer> adminPorts = new HashMap<>();
    private final Map<String, Process> running = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread shutdownHook = new Thread(this::stopAll, "stop-bazar-processes");

    /**
     * Chooses the ports; starts nothing yet.
     *
     * @param root        the project directory (the modules' target/ and configs/ are under it)
     * @param jvmOptions  options of every process's JVM
     * @param environment variables for every process, over the data directory chosen here; a port given here
     *                    ({@code BAZAR_<NAME>_PORT}, {@code _ADMIN_PORT}) is used, every other one is a free port
     */
    public StoreProcesses(Path root, Path dataDir, List<String> jvmOptions, Map<String, String> environment)
            throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.dataDir = Files.createDirectories(dataDir);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.environment.put("BAZAR_DATA_DIR", this.dataDir.toString());
        this.environment.put("BAZAR_BIND_HOST", "127.0.0.1");
        this.environment.putAll(environment);
        for (String name : PROCESSES.keySet()) {
            String prefix = "BAZAR_" + name.toUpperCase().replace('-', '_');
            appPorts.put(name, givenOrFreePort(prefix + "_PORT"));
            adminPorts.put(name, givenOrFreePort(prefix + "_ADMIN_PORT"));
        }
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts every process and waits until each answers its health check; on failure stops them all. */
    public void startAll(Duration timeout) throws Exception {
        try {
            for (String name : PROCESSES.keySet()) {
                running.put(name, command(name, "server", log(name)).start());
            }
            for (String name : PROCESSES.keySet()) {
                awaitHealthy(name, timeout);
            }
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** Starts one process (again) and waits for its health. */
    public void start(String name, Duration timeout) throws Exception {
        running.put(name, command(name, "server", log(name)).start());
        awaitHealthy(name, timeout);
    }

    /** Asks a process to stop (SIGTERM), then forces it after 15 s. */
    public void stop(String name) throws InterruptedException {
        Process process = running.remove(name);
        if (process != null) {
            stop(process);
        }
    }

    /** kill -9: the process gets no chance to finish anything. */
    public void kill(String name) throws InterruptedException {
        Process process = running.remove(name);
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Waits for a process to end by itself (a fault-injection switch halted it, say); returns its exit status. */
    public int awaitExit(String name, Duration timeout) throws InterruptedException {
        Process process = running.get(name);
        if (process == null) {
            throw new IllegalStateException(name + " is not running");
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " still runs after " + timeout + ":\n" + logTail(name, 40));
        }
        running.remove(name);
        return process.exitValue();
    }

    /** Runs another command of a process's jar (e.g. check-replicas) with its configuration and environment. */
    public Process run(String name, String command, Path log) throws IOException {
        return command(name, command, log).start();
    }

    /** Sets variables for every process; they apply to each one's next start. */
    public void setEnvironment(Map<String, String> variables) {
        environment.putAll(variables);
    }

    /** Sets a variable for one process only, over the shared ones; applies to its next start (and commands). */
    public void setEnvironment(String name, String variable, String value) {
        if (!PROCESSES.containsKey(name)) {
            throw new IllegalArgumentException("no process named " + name + "; one of " + PROCESSES.keySet());
        }
        processEnvironment.computeIfAbsent(name, n -> new HashMap<>()).put(variable, value);
    }

    public Path dataDir() {
        return dataDir;
    }

    public int appPort(String name) {
        return appPorts.get(name);
    }

    public URI app(String name) {
        return URI.create("http://127.0.0.1:" + appPorts.get(name));
    }

    public URI admin(String name) {
        return URI.create("http://127.0.0.1:" + adminPorts.get(name));
    }

    /** The process ids, for profiling a run (jcmd PID JFR.start …). */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        running.forEach((name, process) -> pids.put(name, process.pid()));
        return pids;
    }

    /** Everything the process has logged, over all its starts. */
    public Path log(String name) {
        return dataDir.resolve(name + ".log");
    }

    public String logTail(String name, int lines) {
        try {
            List<String> all = Files.readAllLines(log(name));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private ProcessBuilder command(String name, String command, Path log) {
        String module = PROCESSES.get(name);
        Path jar = root.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (mvn -DskipTests package)");
        }
        List<String> args = new ArrayList<>();
        args.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        args.addAll(jvmOptions);
        args.add("-Djava.io.tmpdir=" + dataDir);
        args.addAll(List.of("-jar", jar.toString(), command, root.resolve("configs").resolve(name + ".yml").toString()));
        ProcessBuilder builder = new ProcessBuilder(args).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        CLEARED.forEach(builder.environment()::remove);
        builder.environment().putAll(environment);
        builder.environment().putAll(processEnvironment.getOrDefault(name, Map.of()));
        return builder;
    }

    private void awaitHealthy(String name, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Process process = running.get(name);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail(name, 40));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(admin(name).resolve("/healthcheck"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // Still starting: try again shortly.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " not healthy after " + timeout.toSeconds() + " s:\n" + logTail(name, 40));
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
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
            // The hook itself is running: nothing to remove.
        }
    }

    private int givenOrFreePort(String variable) {
        int port = environment.containsKey(variable) ? Integer.parseInt(environment.get(variable)) : freePort();
        environment.put(variable, String.valueOf(port));
        return port;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
