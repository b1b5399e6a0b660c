package io.rocketcamel.benchmarks;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JVM's memory as the OS and the JVM see it: resident set (all of it, and the anonymous part, which leaves out
 * the page cache of the memory-mapped commit log), heap in use and direct buffers.
 */
record Memory(long rssMiB, long rssAnonMiB, long heapUsedMiB, long directMiB) {

    /** This JVM's. */
    static Memory now() {
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        return of(Path.of("/proc/self/status"), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), direct);
    }

    /** A process's, from its {@code /proc/<pid>/status} and what its JVM reports. */
    static Memory of(Path status, long heapUsedBytes, long directBytes) {
        return new Memory(statusKiB(status, "VmRSS") / 1024, statusKiB(status, "RssAnon") / 1024, heapUsedBytes >> 20, directBytes >> 20);
    }

    Memory max(Memory other) {
        return new Memory(Math.max(rssMiB, other.rssMiB), Math.max(rssAnonMiB, other.rssAnonMiB),
                Math.max(heapUsedMiB, other.heapUsedMiB), Math.max(directMiB, other.directMiB));
    }

    /** -1 where /proc is not there (not Linux): the report then says so instead of showing zero. */
    private static long statusKiB(Path status, String field) {
        try {
            return Files.readAllLines(status).stream().filter(line -> line.startsWith(field + ":"))
                    .map(line -> line.replaceAll("\\D", "")).mapToLong(Long::parseLong).findFirst().orElse(-1024);
        } catch (IOException e) {
            return -1024;
        }
    }
}
