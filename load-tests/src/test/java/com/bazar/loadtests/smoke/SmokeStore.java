package com.bazar.loadtests.smoke;

import com.bazar.launcher.StoreProcesses;

import java.io.IOException;
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
    /** Small, quickly started JVMs: the smoke run checks that the simulation works, not speed. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
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

        Path pids = stateDir.resolve("pids");
        stop(stateDir, "stopped the leftovers of an earlier run (Maven killed before its stop step):");
        // Its shutdown hook stops the processes if Maven exits without reaching the stop step (a failed build, Ctrl-C).
        StoreProcesses processes = new StoreProcesses(root, dataDir, JVM_OPTIONS, environment);
        processes.startAll(HEALTH_TIMEOUT);
        for (Map.Entry<String, Long> process : processes.pids().entrySet()) {
            Files.writeString(pids, process.getValue() + " " + process.getKey() + " " + dataDir + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        System.out.printf("[smoke-store] five processes healthy in %.1f s; front end %s; data and logs in %s%n",
                (System.nanoTime() - began) / 1e9, processes.app("frontend"), dataDir);
    }

    /** TERM to all, then KILL to any still there after {@link #STOP_TIMEOUT}. */
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
}
