package com.bazar.e2e;

import com.bazar.launcher.StoreProcesses;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole store as a user runs it: the five processes started from the runnable jars with the YAML files
 * of configs/, on free ports and in a temporary data directory ({@link StoreProcesses}). Processes can be killed
 * and restarted one by one for fault tests; {@link #close()} (and a JVM shutdown hook) stops every process.
 */
public final class RunningStore implements AutoCloseable {
    /** Small, quickly started JVMs: the tests check behaviour, not speed. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(90);

    private final StoreProcesses processes;

    private RunningStore(Map<String, String> extraEnvironment) throws IOException {
        Path root = Path.of(System.getProperty("bazar.root", ".."));
        processes = new StoreProcesses(root, Files.createTempDirectory("bazar-e2e"), JVM_OPTIONS, extraEnvironment);
    }

    /** Starts all five and waits until each answers its health check. */
    public static RunningStore start(Map<String, String> extraEnvironment) throws Exception {
        return prepare(extraEnvironment).startAll();
    }

    /**
     * A store whose ports and data directory are chosen but whose processes are not started yet, so that a
     * test can first give one process its own environment ({@link #setEnvironment}), then {@link #startAll}.
     */
    public static RunningStore prepare(Map<String, String> extraEnvironment) throws IOException {
        return new RunningStore(extraEnvironment);
    }

    /** Starts every process of a {@linkplain #prepare prepared} store and waits until each is healthy. */
    public RunningStore startAll() throws Exception {
        processes.startAll(HEALTHY_WITHIN);
        return this;
    }

    /**
     * Sets a variable for one process only, over the shared environment: e.g. to point one process's link to
     * another at a proxy of the test. Applies to the process's next start (and to its commands).
     */
    public void setEnvironment(String name, String variable, String value) {
        processes.setEnvironment(name, variable, value);
    }

    public URI frontend(String path) {
        return app("frontend", path);
    }

    public URI app(String name, String path) {
        return URI.create(processes.app(name) + path);
    }

    public URI admin(String name, String path) {
        return URI.create(processes.admin(name) + path);
    }

    /** The application port of a process, as the other processes reach it by default. */
    public int appPort(String name) {
        return processes.appPort(name);
    }

    /** kill -9: the process gets no chance to finish anything. */
    public void kill(String name) throws InterruptedException {
        processes.kill(name);
    }

    public void restart(String name) throws Exception {
        processes.start(name, HEALTHY_WITHIN);
    }

    /**
     * Waits for a process to end by itself (a fault-injection switch halted it, say) and returns its exit
     * status; {@link #restart} starts it again.
     */
    public int awaitExit(String name, Duration timeout) throws InterruptedException {
        return processes.awaitExit(name, timeout);
    }

    /**
     * Runs {@code check-replicas} of a service with the store's configuration, as a user would.
     *
     * @return the command's exit code and output
     */
    public CommandResult checkReplicas(String name) throws Exception {
        Path log = processes.dataDir().resolve("check-" + name + "-" + System.nanoTime() + ".log");
        Process process = processes.run(name, "check-replicas", log);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("check-replicas of " + name + " did not finish");
        }
        return new CommandResult(process.exitValue(), Files.readString(log));
    }

    public record CommandResult(int exitCode, String output) {
    }

    public String logTail(String name) {
        return processes.logTail(name, 40);
    }

    /** Everything a process has logged so far, over all its starts. */
    public String log(String name) {
        try {
            return Files.readString(processes.log(name));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        processes.close();
    }
}
