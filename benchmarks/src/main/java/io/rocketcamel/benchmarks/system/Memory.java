package io.rocketcamel.benchmarks.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JVM's memory as the OS and the JVM see it, in MiB: resident set (all, anonymous, file-backed), heap used and
 * committed, direct buffers (ByteBuffer.allocateDirect, as the JDK counts them) and the broker's memory-mapped store
 * files (commit log, consume queues, index, timer wheel and log): their mapped size and how much of them is resident.
 * -1 where unknown (no /proc, or no store given).
 */
public record Memory(long rssMiB, long rssAnonMiB, long rssFileMiB, long heapUsedMiB, long heapCommittedMiB, long directMiB,
                     long storeMappedMiB, long storeResidentMiB) {

    /** This JVM's; {@code storeDir} may be null. */
    public static Memory now(Path storeDir) {
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        return of(Path.of("/proc/self"), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage(), direct, storeDir);
    }

    /** A process's, from its {@code /proc/<pid>} and what its JVM reports. */
    static Memory of(Path proc, MemoryUsage heap, long directBytes, Path storeDir) {
        Path status = proc.resolve("status");
        long[] store = storeDir == null ? new long[] {-1, -1} : mapped(proc.resolve("smaps"), storeDir);
        return new Memory(kib(status, "VmRSS") / 1024, kib(status, "RssAnon") / 1024, kib(status, "RssFile") / 1024,
                heap.getUsed() >> 20, heap.getCommitted() >> 20, directBytes >> 20, store[0], store[1]);
    }

    /** The larger of each figure, for a peak over samples. */
    public Memory max(Memory other) {
        return new Memory(Math.max(rssMiB, other.rssMiB), Math.max(rssAnonMiB, other.rssAnonMiB),
                Math.max(rssFileMiB, other.rssFileMiB), Math.max(heapUsedMiB, other.heapUsedMiB),
                Math.max(heapCommittedMiB, other.heapCommittedMiB), Math.max(directMiB, other.directMiB),
                Math.max(storeMappedMiB, other.storeMappedMiB), Math.max(storeResidentMiB, other.storeResidentMiB));
    }

    private static long kib(Path status, String field) {
        try {
            return Files.readAllLines(status).stream().filter(line -> line.startsWith(field + ":"))
                    .map(line -> line.replaceAll("\\D", "")).mapToLong(Long::parseLong).findFirst().orElse(-1024);
        } catch (IOException e) {
            return -1024;
        }
    }

    /** Size and Rss, in MiB, of the mappings of files under {@code storeDir}. */
    private static long[] mapped(Path smaps, Path storeDir) {
        String prefix = storeDir.toAbsolutePath().normalize().toString();
        long sizeKiB = 0;
        long rssKiB = 0;
        boolean inStore = false;
        try (BufferedReader reader = Files.newBufferedReader(smaps)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                char first = line.isEmpty() ? 'X' : line.charAt(0);
                if (first >= '0' && first <= '9' || first >= 'a' && first <= 'f') {
                    // a mapping's header, "start-end perms offset dev inode path"; its fields start with a capital
                    int path = line.indexOf('/');
                    inStore = path > 0 && line.substring(path).startsWith(prefix);
                } else if (inStore && line.startsWith("Size:")) {
                    sizeKiB += Long.parseLong(line.replaceAll("\\D", ""));
                } else if (inStore && line.startsWith("Rss:")) {
                    rssKiB += Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
        return new long[] {sizeKiB / 1024, rssKiB / 1024};
    }
}
