package io.rocketcamel.benchmarks;

import java.util.Arrays;

/** {@code java -Xmx512m -jar benchmarks.jar [--smoke] [--out DIR] ...}: runs the benchmark and writes the report. */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(Options.usage());
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.usage());
            System.exit(2);
            return;
        }
        run(options);
        System.out.println("Report: " + options.out().resolve(ReportWriter.REPORT).toAbsolutePath());
        // RocketMQ's and Camel's non-daemon threads finish their teardown in the background: do not wait for them.
        System.exit(0);
    }

    /** Runs and writes {@code benchmarks.md} and {@code benchmarks.png} into the options' directory. */
    static RunData run(Options options) throws Exception {
        System.setProperty("java.awt.headless", "true");
        RunData data = new BenchmarkRun(options, System.out).run();
        ReportWriter.write(data, options.out());
        return data;
    }
}
