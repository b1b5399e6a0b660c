package io.rocketcamel.benchmarks.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's CPU time (all of it and the busy part) and this JVM's, in the kernel's clock ticks. The benchmark
 * loads both cores itself, so the load average after a run says nothing about neighbours; the CPU that other processes
 * used while it ran does. {@code allTicks} is -1 where /proc is missing.
 */
public record CpuTicks(long allTicks, long busyTicks, long ownTicks, long ownKernelTicks) {

    public static CpuTicks now() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long all = 0;
            for (int i = 1; i < cpu.length; i++) {
                all += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            long[] own = ThreadCpu.userAndKernelTicks(Path.of("/proc/self/stat"));
            return new CpuTicks(all, all - idle, own[0] + own[1], own[1]);
        } catch (IOException | RuntimeException e) {
            return new CpuTicks(-1, 0, 0, 0);
        }
    }

    /** The share of the machine's CPU that other processes used since {@code start}; -1 where unknown. */
    public double othersShareSince(CpuTicks start) {
        long all = allTicks - start.allTicks;
        if (start.allTicks < 0 || allTicks < 0 || all <= 0) {
            return -1;
        }
        long others = (busyTicks - start.busyTicks) - (ownTicks - start.ownTicks);
        return Math.max(0, others) / (double) all;
    }

    /** Cores this JVM kept busy on average since {@code start}. */
    public double ownCoresSince(CpuTicks start, int cores) {
        long all = allTicks - start.allTicks;
        return all <= 0 || start.allTicks < 0 ? -1 : (ownTicks - start.ownTicks) * (double) cores / all;
    }

    /** Cores other processes kept busy on average since {@code start}. */
    public double othersCoresSince(CpuTicks start, int cores) {
        double share = othersShareSince(start);
        return share < 0 ? -1 : share * cores;
    }
}
