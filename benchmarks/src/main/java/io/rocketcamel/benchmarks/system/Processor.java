package io.rocketcamel.benchmarks.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The processor's model and clock as the kernel reports them. Virtual machines of one size can land on hosts with
 * different processors, and a run's rates depend on the processor more than on most changes of ours: so a run records
 * which it had, and a comparison with a run on another one says so.
 */
public final class Processor {

    private Processor() {
    }

    /**
     * For example "AMD EPYC, 2,096 MHz"; {@code null} where {@code /proc/cpuinfo} is missing. The clock is part of it
     * because a virtual machine's model name alone ("AMD EPYC") does not tell its hosts apart.
     */
    public static String describe() {
        try {
            return describe(Files.readAllLines(Path.of("/proc/cpuinfo")));
        } catch (IOException e) {
            return null;
        }
    }

    static String describe(List<String> cpuinfo) {
        String model = field(cpuinfo, "model name");
        String clock = field(cpuinfo, "cpu MHz");
        if (model == null) {
            return null;
        }
        return clock == null ? model : String.format("%s, %,.0f MHz", model, Double.parseDouble(clock));
    }

    private static String field(List<String> cpuinfo, String name) {
        return cpuinfo.stream().filter(line -> line.startsWith(name) && line.contains(":"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse(null);
    }
}
