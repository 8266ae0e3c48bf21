package com.bazar.e2e;

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
 * The whole store as a user runs it: the five processes started from the runnable jars with the YAML files
 * of configs/, on free ports and in a temporary data directory. Processes can be killed and restarted one by
 * one for fault tests; {@link #close()} (and a JVM shutdown hook) stops every process it started.
 */
public final class RunningStore implements AutoCloseable {
    /** name → module; the order of start-up does not matter, each waits for its health. */
    private static final Map<String, String> PROCESSES = new LinkedHashMap<>();

    static {
        PROCESSES.put("catalog-1", "catalog");
        PROCESSES.put("catalog-2", "catalog");
        PROCESSES.put("order-1", "order");
        PROCESSES.put("order-2", "order");
        PROCESSES.put("frontend", "frontend");
    }

    private final Path root;
    private final Path dataDir;
    private final Map<String, String> environment = new HashMap<>();
    /** name → variables set for that process only, over {@link #environment} (see {@link #setEnvironment}). */
    private final Map<String, Map<String, String>> processEnvironment = new HashMap<>();
    private final Map<String, Integer> appPorts = new HashMap<>();
    private final Map<String, Integer> adminPorts = new HashMap<>();
    private final Map<String, Process> running = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread shutdownHook = new Thread(this::stopAll, "stop-bazar-store");

    private RunningStore(Map<String, String> extraEnvironment) throws IOException {
        this.root = Path.of(System.getProperty("bazar.root", "..")).toAbsolutePath().normalize();
        this.dataDir = Files.createTempDirectory("bazar-e2e");
        environment.put("BAZAR_DATA_DIR", dataDir.toString());
        for (String name : PROCESSES.keySet()) {
            String prefix = "BAZAR_" + name.toUpperCase().replace('-', '_');
            int app = freePort();
            int admin = freePort();
            appPorts.put(name, app);
            adminPorts.put(name, admin);
            environment.put(prefix + "_PORT", String.valueOf(app));
            environment.put(prefix + "_ADMIN_PORT", String.valueOf(admin));
        }
        environment.putAll(extraEnvironment);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts all five and waits until each answers its health check. */
    public static RunningStore start(Map<String, String> extraEnvironment) throws Exception {
        return prepare(extraEnvironment).startAll();
    }

    public URI frontend(String path) {
        return app("frontend", path);
    }

    public URI app(String name, String path) {
        return URI.create("http://127.0.0.1:" + appPorts.get(name) + path);
    }

    public URI admin(String name, String path) {
        return URI.create("http://127.0.0.1:" + adminPorts.get(name) + path);
    }

    /** kill -9: the process gets no chance to finish anything. */
    public void kill(String name) throws InterruptedException {
        Process process = running.remove(name);
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    public void restart(String name) throws Exception {
        launch(name);
        awaitHealthy(name, Duration.ofSeconds(90));
    }

    /**
     * Runs {@code check-replicas} of a service with the store's configuration, as a user would.
     *
     * @return the command's exit code and output
     */
    public CommandResult checkReplicas(String name) throws Exception {
        Path log = dataDir.resolve("check-" + name + "-" + System.nanoTime() + ".log");
        Process process = command(name, "check-replicas", log).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("check-replicas of " + name + " did not finish");
        }
        return new CommandResult(process.exitValue(), Files.readString(log));
    }

    public record CommandResult(int exitCode, String output) {
    }

    private void launch(String name) throws IOException {
        Path log = dataDir.resolve(name + ".log");
        running.put(name, command(name, "server", log).start());
    }

    private ProcessBuilder command(String name, String command, Path log) {
        String module = PROCESSES.get(name);
        Path jar = root.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run `mvn package` (mvn verify does) first");
        }
        List<String> args = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + dataDir,
                "-jar", jar.toString(), command, root.resolve("configs").resolve(name + ".yml").toString()));
        ProcessBuilder builder = new ProcessBuilder(args).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().putAll(processEnvironment.getOrDefault(name, Map.of()));
        return builder;
    }

    private void awaitHealthy(String name, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Process process = running.get(name);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail(name));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(admin(name, "/healthcheck"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // Still starting: try again shortly.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " not healthy after " + timeout + ":\n" + logTail(name));
    }

    public String logTail(String name) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve(name + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void stopAll() {
        for (Process process : running.values()) {
            process.destroy();
        }
        for (Process process : running.values()) {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
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

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A store whose ports and data directory are chosen but whose processes are not started yet, so that a
     * test can first give one process its own environment ({@link #setEnvironment}), then {@link #startAll}.
     */
    public static RunningStore prepare(Map<String, String> extraEnvironment) throws IOException {
        return new RunningStore(extraEnvironment);
    }

    /**
     * Sets a variable for one process only, over the shared environment: e.g. to point one process's link to
     * another at a proxy of the test. Applies to the process's next start (and to its commands).
     */
    public void setEnvironment(String name, String variable, String value) {
        if (!PROCESSES.containsKey(name)) {
            throw new IllegalArgumentException("no process named " + name + "; one of " + PROCESSES.keySet());
        }
        processEnvironment.computeIfAbsent(name, n -> new HashMap<>()).put(variable, value);
    }

    /** Starts every process of a {@linkplain #prepare prepared} store and waits until each is healthy. */
    public RunningStore startAll() throws Exception {
        try {
            for (String name : PROCESSES.keySet()) {
                launch(name);
            }
            for (String name : PROCESSES.keySet()) {
                awaitHealthy(name, Duration.ofSeconds(90));
            }
            return this;
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** The application port of a process, as the other processes reach it by default. */
    public int appPort(String name) {
        return appPorts.get(name);
    }

    /** Everything a process has logged so far, over all its starts. */
    public String log(String name) {
        try {
            return Files.readString(dataDir.resolve(name + ".log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * Waits for a process to end by itself (a fault-injection switch halted it, say) and returns its exit
     * status; {@link #restart} starts it again.
     */
    public int awaitExit(String name, Duration timeout) throws InterruptedException {
        Process process = running.get(name);
        if (process == null) {
            throw new IllegalStateException(name + " is not running");
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " still runs after " + timeout + ":\n" + logTail(name));
        }
        running.remove(name);
        return process.exitValue();
    }
}
