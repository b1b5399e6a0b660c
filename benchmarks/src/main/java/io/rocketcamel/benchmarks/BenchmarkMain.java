package io.rocketcamel.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.rocketcamel.benchmarks.report.Chart;
import io.rocketcamel.benchmarks.report.Report;
import io.rocketcamel.benchmarks.report.RunResult;

/**
 * {@code java -Xmx512m -jar benchmarks.jar [options]} runs the benchmark and writes {@code benchmarks.json}, then the
 * Markdown and the charts from it; {@code ... chart DIR} redraws a directory's charts and Markdown from its JSON.
 */
public final class BenchmarkMain {

    static final String COMMAND = "mvn -B -q -pl routes-examples,benchmarks -am package -DskipTests"
            + " && java -Xmx512m -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar";
    static final String JSON = "benchmarks.json";
    static final String REPORT = "benchmarks.md";

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(Options.usage());
            return;
        }
        if (args.length == 2 && args[0].equals("chart")) {
            Path dir = Path.of(args[1]);
            draw(RunResult.read(dir.resolve(JSON)), null, dir);
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
        System.out.println("Report: " + options.out().resolve(REPORT).toAbsolutePath());
        // RocketMQ's and Camel's non-daemon threads finish their teardown in the background: do not wait for them.
        System.exit(0);
    }

    /** Runs and writes the results, the report and the charts into the options' directory. */
    static RunResult run(Options options) throws Exception {
        RunResult result = new Run(options, System.out).run();
        Files.createDirectories(options.out());
        Path json = options.out().resolve(JSON);
        RunResult previous = previous(json);
        result.write(json);
        // drawn from what was written, so the JSON alone reproduces the report
        draw(RunResult.read(json), previous, options.out());
        return result;
    }

    /** The last run's results to compare with; one an older version wrote in another shape is not compared. */
    private static RunResult previous(Path json) {
        if (!Files.exists(json)) {
            return null;
        }
        try {
            return RunResult.read(json);
        } catch (java.io.IOException e) {
            System.out.println("Not compared with " + json + ": " + e.getMessage().lines().findFirst().orElse(""));
            return null;
        }
    }

    private static void draw(RunResult result, RunResult previous, Path dir) throws Exception {
        Path report = dir.resolve(REPORT);
        String existing = Files.exists(report) ? Files.readString(report) : null;
        Files.writeString(report, Report.render(result, previous, existing, COMMAND));
        Chart.writeWorkloads(result, dir.resolve("benchmarks.png"));
        Chart.writeScenarios(result, dir.resolve("benchmarks-scenarios.png"));
    }
}
