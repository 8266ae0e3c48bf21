package com.bazar.loadtests.smoke;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The store for the Gatling smoke run of {@code mvn verify}: the five real processes, started from the runnable
 * jars with configs/*.yml, on the ports Maven reserved and in a fresh data directory under target/.
 *
 * <pre>
 *   start ROOT STATE_DIR [VAR=value...]   start all five with VAR=value in their environment; wait for health
 *   stop STATE_DIR                        stop what start recorded in STATE_DIR/pids
 * </pre>
 *
 * Run by exec:java inside Maven's JVM (pre- and post-integration-test): the processes are that JVM's children,
 * and a shutdown hook stops them when Maven exits without reaching the stop step (a failed build, Ctrl-C).
 */
public final class SmokeStore {
    /** name → module. */
    private static final Map<String, String> PROCESSES = new LinkedHashMap<>();

    static {
        PROCESSES.put("catalog-1", "catalog");
        PROCESSES.put("catalog-2", "catalog");
        PROCESSES.put("order-1", "order");
        PROCESSES.put("order-2", "order");
        PROCESSES.put("frontend", "frontend");
    }

    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private SmokeStore() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("start")) {
            start(Path.of(args[1]), Path.of(args[2]), List.of(args).subList(3, args.length));
        } else if (args.length == 2 && args[0].equals("stop")) {
            stop(Path.of(args[1]), "stopped");
        } else {
            throw new IllegalArgumentException("usage: start ROOT STATE_DIR [VAR=value...] | stop STATE_DIR");
        }
    }

    private static void start(Path root, Path stateDir, List<String> assignments) throws Exception {
        long began = System.nanoTime();
        root = root.toAbsolutePath().normalize();
        Files.createDirectories(stateDir);
        Path dataDir = Files.createTempDirectory(stateDir.toAbsolutePath(), "store-");
        Map<String, String> environment = new LinkedHashMap<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected VAR=value, got '" + assignment + "'");
            }
            environment.put(assignment.substring(0, eq), assignment.substring(eq + 1));
        }
        environment.put("BAZAR_DATA_DIR", dataDir.toString());

        Path pids = stateDir.resolve("pids");
        stop(stateDir, "stopped the leftovers of an earlier run (Maven killed before its stop step):");
        Map<String, Process> started = new LinkedHashMap<>();
        Thread hook = new Thread(() -> stopAll(started.values()), "stop-bazar-smoke-store");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            for (Map.Entry<String, String> process : PROCESSES.entrySet()) {
                String name = process.getKey();
                Process launched = launch(root, dataDir, environment, name, process.getValue());
                started.put(name, launched);
                Files.writeString(pids, launched.pid() + " " + name + " " + dataDir + System.lineSeparator(),
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            for (Map.Entry<String, Process> process : started.entrySet()) {
                awaitHealthy(process.getKey(), process.getValue(), adminPort(environment, process.getKey()), dataDir);
            }
        } catch (Exception | Error e) {
            stopAll(started.values());
            throw e;
        }
        System.out.printf("[smoke-store] five processes healthy in %.1f s; front end http://127.0.0.1:%s; data and logs in %s%n",
                (System.nanoTime() - began) / 1e9, environment.getOrDefault("BAZAR_FRONTEND_PORT", "8001"), dataDir);
    }

    private static Process launch(Path root, Path dataDir, Map<String, String> environment, String name, String module)
            throws IOException {
        Path jar = root.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the smoke run needs the services' jars "
                    + "(mvn verify at the root packages them before load-tests)");
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx192m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + dataDir,
                "-jar", jar.toString(), "server", root.resolve("configs").resolve(name + ".yml").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve(name + ".log").toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static void awaitHealthy(String name, Process process, int adminPort, Path dataDir) throws Exception {
        long deadline = System.nanoTime() + HEALTH_TIMEOUT.toNanos();
        URI health = URI.create("http://127.0.0.1:" + adminPort + "/healthcheck");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail(dataDir, name));
            }
            if (status(health) == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " not healthy after " + HEALTH_TIMEOUT.toSeconds() + " s:\n"
                + logTail(dataDir, name));
    }

    private static int status(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(5000);
            try {
                return connection.getResponseCode();
            } finally {
                connection.disconnect();
            }
        } catch (IOException notListeningYet) {
            return -1;
        }
    }

    private static int adminPort(Map<String, String> environment, String name) {
        String variable = "BAZAR_" + name.toUpperCase().replace('-', '_') + "_ADMIN_PORT";
        String port = environment.get(variable);
        if (port == null) {
            throw new IllegalArgumentException(variable + " must be given: the smoke store runs on reserved ports");
        }
        return Integer.parseInt(port);
    }

    private static String logTail(Path dataDir, String name) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve(name + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** TERM to all, then KILL to any still there after {@link #STOP_TIMEOUT}. */
    private static void stopAll(Iterable<Process> processes) {
        List<ProcessHandle> handles = new ArrayList<>();
        processes.forEach(process -> handles.add(process.toHandle()));
        stopHandles(handles);
    }

    private static void stopHandles(List<ProcessHandle> handles) {
        handles.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : handles) {
            try {
                handle.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                handle.destroyForcibly();
            }
        }
    }

    private static void stop(Path stateDir, String saying) throws IOException {
        Path pids = stateDir.resolve("pids");
        if (!Files.exists(pids)) {
            return;
        }
        List<ProcessHandle> ours = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(pids)) {
            String[] fields = line.split(" ", 3);
            if (fields.length < 3) {
                continue;
            }
            // Only a live process whose command line names the data directory recorded with it: never a recycled pid.
            Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(fields[0]))
                    .filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().commandLine().map(c -> c.contains("-Djava.io.tmpdir=" + fields[2])).orElse(false));
            handle.ifPresent(ours::add);
            handle.ifPresent(h -> names.add(fields[1]));
        }
        stopHandles(ours);
        Files.delete(pids);
        if (!names.isEmpty()) {
            System.out.println("[smoke-store] " + saying + " " + String.join(", ", names));
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
