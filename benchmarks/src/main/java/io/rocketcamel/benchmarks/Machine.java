package io.rocketcamel.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine and JVM the numbers belong to. */
record Machine(int cores, long memoryMiB, String java, long maxHeapMiB) {

    static Machine current() {
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return new Machine(Runtime.getRuntime().availableProcessors(), memory >> 20,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"), Runtime.getRuntime().maxMemory() >> 20);
    }

    /** The 1-minute load average, -1 where /proc is missing. */
    static double load() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
