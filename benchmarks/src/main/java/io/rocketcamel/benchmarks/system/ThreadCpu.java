package io.rocketcamel.benchmarks.system;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time per thread of this JVM as the kernel counts it (native work, waits and all, unlike Java samplers, which see
 * only threads running Java code), grouped by thread name without its numbers ("NettyClientWorkerThread_3" and "_4"
 * are one group). The difference of two snapshots says which threads kept the cores busy during a round, and how
 * long threads were ready to run but waited for a core (the scheduler's run delay, from {@code schedstat}): on a
 * machine whose cores are all busy that wait, not the work, is where a message's latency goes.
 */
public final class ThreadCpu {

    /** The group of CPU time of threads that ended between two snapshots (a round's caller threads). */
    public static final String ENDED = "threads that ended (callers)";

    private final long processTicks;
    private final Map<Long, Long> ticksByThread;
    private final Map<Long, String> groupByThread;
    private final Map<Long, Long> waitNanosByThread;

    private ThreadCpu(long processTicks, Map<Long, Long> ticksByThread, Map<Long, String> groupByThread,
            Map<Long, Long> waitNanosByThread) {
        this.processTicks = processTicks;
        this.ticksByThread = ticksByThread;
        this.groupByThread = groupByThread;
        this.waitNanosByThread = waitNanosByThread;
    }

    public static ThreadCpu now() {
        long process;
        try {
            process = ticks(Path.of("/proc/self/stat"));
        } catch (IOException | RuntimeException e) {
            process = 0;
        }
        Map<Long, Long> ticks = new HashMap<>();
        Map<Long, String> groups = new HashMap<>();
        Map<Long, Long> waits = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    long tid = Long.parseLong(task.getFileName().toString());
                    ticks.put(tid, ticks(task.resolve("stat")));
                    groups.put(tid, group(Files.readString(task.resolve("comm")).trim()));
                    waits.put(tid, runDelayNanos(task.resolve("schedstat")));
                } catch (IOException | RuntimeException e) {
                    // the thread ended between listing and reading: it used nothing we could count
                }
            }
        } catch (IOException e) {
            // no /proc: an empty snapshot, the report then shows no thread groups
        }
        return new ThreadCpu(process, ticks, groups, waits);
    }

    /** The second field of {@code schedstat}: nanoseconds spent runnable, waiting for a core. */
    private static long runDelayNanos(Path schedstat) throws IOException {
        return Long.parseLong(Files.readString(schedstat).trim().split(" ")[1]);
    }

    /**
     * Nanoseconds this JVM's threads spent ready to run but waiting for a core since {@code before}, summed over the
     * threads alive now; divided by the time between the snapshots it is how many threads waited on average. Threads
     * that ended in between are left out: the kernel keeps no run delay for them.
     */
    public long waitingNanosSince(ThreadCpu before) {
        long waited = 0;
        for (Map.Entry<Long, Long> thread : waitNanosByThread.entrySet()) {
            waited += Math.max(0, thread.getValue() - before.waitNanosByThread.getOrDefault(thread.getKey(), 0L));
        }
        return waited;
    }

    /** utime + stime of a {@code /proc/.../stat} file. */
    static long ticks(Path stat) throws IOException {
        long[] userAndKernel = userAndKernelTicks(stat);
        return userAndKernel[0] + userAndKernel[1];
    }

    /** utime and stime of a {@code /proc/.../stat} file; the name in parentheses may hold spaces. */
    static long[] userAndKernelTicks(Path stat) throws IOException {
        String text = Files.readString(stat);
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return new long[] { Long.parseLong(fields[11]), Long.parseLong(fields[12]) };
    }

    static String group(String threadName) {
        // numbers that count threads: after a separator or at the end ("pool-3-thread-2", "C2 CompilerThread0")
        String group = threadName.replaceAll("(?<=[-_])\\d+|\\d+$", "#").replaceAll("[-_#]+$", "");
        return group.isEmpty() ? threadName : group;
    }

    /** Ticks used per thread group since {@code before}, largest first. */
    public Map<String, Long> since(ThreadCpu before) {
        Map<String, Long> used = new HashMap<>();
        long counted = 0;
        for (Map.Entry<Long, Long> thread : ticksByThread.entrySet()) {
            long delta = thread.getValue() - before.ticksByThread.getOrDefault(thread.getKey(), 0L);
            if (delta > 0) {
                used.merge(groupByThread.get(thread.getKey()), delta, Long::sum);
                counted += delta;
            }
        }
        // the process's count keeps the time of its ended threads; threads that ended before `before` are in both
        long ended = (processTicks - before.processTicks) - counted;
        if (ended > 0) {
            used.put(ENDED, ended);
        }
        Map<String, Long> ranked = new LinkedHashMap<>();
        used.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> ranked.put(e.getKey(), e.getValue()));
        return ranked;
    }
}
