package io.rocketcamel.examples.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's CPU clock ticks from {@code /proc/stat}, busy and in all. A scenario's work runs in processes of
 * its own too (PostgreSQL, Redis, OpenSearch), which this JVM's CPU time does not count; the machine's does, including
 * whatever else runs on it, so a quiet machine gives the figure to read.
 */
record MachineCpu(long busyTicks, long allTicks) {

    static final MachineCpu UNKNOWN = new MachineCpu(0, -1);

    static MachineCpu now() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long all = 0;
            for (int i = 1; i < fields.length; i++) {
                all += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new MachineCpu(all - idle, all);
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** Cores kept busy on average since {@code start}, or -1 where /proc is missing. */
    double busyCoresSince(MachineCpu start, int cores) {
        long all = allTicks - start.allTicks;
        if (allTicks < 0 || start.allTicks < 0 || all <= 0) {
            return -1;
        }
        return (busyTicks - start.busyTicks) * (double) cores / all;
    }
}
