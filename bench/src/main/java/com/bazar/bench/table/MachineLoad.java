package com.bazar.bench.table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * How busy the machine is, from /proc (Linux): load averages, and how much CPU went to processes other than
 * this run (this JVM, the store and the JMH forks) between two snapshots — the noise in the figures.
 */
final class MachineLoad {
    private MachineLoad() {
    }

    record Snapshot(long totalTicks, long busyTicks, long ourTicks) {
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    static Optional<Snapshot> snapshot() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long user = Long.parseLong(cpu[1]);
            long nice = Long.parseLong(cpu[2]);
            long system = Long.parseLong(cpu[3]);
            long idle = Long.parseLong(cpu[4]);
            long iowait = Long.parseLong(cpu[5]);
            long irq = Long.parseLong(cpu[6]);
            long softirq = Long.parseLong(cpu[7]);
            long steal = cpu.length > 8 ? Long.parseLong(cpu[8]) : 0;
            long busy = user + nice + system + irq + softirq + steal;
            long ours = ticks(ProcessHandle.current().pid());
            for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
                ours += ticks(child.pid());
            }
            return Optional.of(new Snapshot(busy + idle + iowait, busy, ours));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * What other processes used of all CPUs between two snapshots, and this run's own share, as a sentence that
     * says whether the machine was busy (others above 10%).
     */
    static String othersShare(Optional<Snapshot> before, Optional<Snapshot> after) {
        if (before.isEmpty() || after.isEmpty() || after.get().totalTicks() <= before.get().totalTicks()) {
            return "CPU use of other processes: not measured (no /proc).";
        }
        long total = after.get().totalTicks() - before.get().totalTicks();
        long busy = after.get().busyTicks() - before.get().busyTicks();
        long ours = after.get().ourTicks() - before.get().ourTicks();
        double others = 100.0 * Math.max(0, busy - ours) / total;
        return String.format(Locale.ROOT, "During the run other processes used %.0f%% of all CPUs and this run %.0f%%:"
                + " the machine was %s.", others, 100.0 * Math.min(busy, ours) / total,
                others > 10 ? "BUSY with other work, so these figures are slower and noisier than on a quiet machine"
                        : "otherwise quiet");
    }

    /** utime + stime + cutime + cstime of a process (its own CPU and that of the children it has waited for). */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split("\\s+");
            // f[0] is field 3 (state): utime is field 14, so f[11]; stime f[12], cutime f[13], cstime f[14].
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
