package io.rocketcamel.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's CPU time (all of it and the busy part) and this JVM's, in the kernel's clock ticks. The benchmark
 * loads both cores itself, so the load average after a run says nothing about neighbours; the CPU that other processes
 * used while it ran does. {@code allTicks} is -1 where /proc is missing.
 */
record CpuTicks(long allTicks, long busyTicks, long ownTicks) {

    static CpuTicks now() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long all = 0;
            for (int i = 1; i < cpu.length; i++) {
                all += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            // the command name in parentheses may hold spaces; utime and stime are the 12th and 13th fields after it
            String self = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = self.substring(self.lastIndexOf(')') + 2).split(" ");
            return new CpuTicks(all, all - idle, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        } catch (IOException | RuntimeException e) {
            return new CpuTicks(-1, 0, 0);
        }
    }

    /** The share of the machine's CPU that other processes used since {@code start}; -1 where unknown. */
    double othersShareSince(CpuTicks start) {
        CpuTicks end = this;
        long all = end.allTicks - start.allTicks;
        if (start.allTicks < 0 || end.allTicks < 0 || all <= 0) {
            return -1;
        }
        long others = (end.busyTicks - start.busyTicks) - (end.ownTicks - start.ownTicks);
        return Math.max(0, others) / (double) all;
    }
}
