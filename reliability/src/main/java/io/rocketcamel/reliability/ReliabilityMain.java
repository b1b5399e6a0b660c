package io.rocketcamel.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar reliability.jar [--quick] [--only 1,4] [--out docs/reliability.md] [--keep]}: runs the scenarios
 * one after the other, prints each result as it comes, and writes the report. Exits 0 when every row meets the goal.
 */
public final class ReliabilityMain {

    private ReliabilityMain() {
    }

    static List<Scenario> scenarios() {
        return List.of(new BrokerKillScenario(), new ConsumerKillScenario(), new TransactionScenario(),
                MasterKillScenario.twoMasters(), MasterKillScenario.twoMastersTwoSlavesSync(), new NameServerKillScenario(),
                new BadInputScenario(), MasterKillScenario.twoMastersOneHung());
    }

    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        if (options.contains("--help")) {
            System.out.println("Usage: java -jar reliability.jar [--quick] [--only 1,4] [--out docs/reliability.md] [--keep]");
            return;
        }
        Scenario.Size size = options.contains("--quick") ? Scenario.Size.QUICK : Scenario.Size.FULL;
        List<String> only = value(options, "--only") == null ? null : List.of(value(options, "--only").split(","));
        Path out = Path.of(value(options, "--out") == null ? "docs/reliability.md" : value(options, "--out"));
        boolean keep = options.contains("--keep");

        Report.Machine machine = Report.Machine.current();
        Instant started = Instant.now();
        long begin = System.nanoTime();
        List<Scenario> chosen = scenarios().stream()
                .filter(s -> only == null || s.numbers().stream().anyMatch(only::contains)).toList();
        Map<Scenario, List<Result>> results = new LinkedHashMap<>();
        for (Scenario scenario : chosen) {
            System.out.println("== " + String.join(", ", scenario.numbers()) + ". " + scenario.title());
            long scenarioBegin = System.nanoTime();
            List<Result> rows;
            try {
                rows = scenario.run(size, keep);
            } catch (Exception | AssertionError e) {
                e.printStackTrace();
                rows = List.of(Result.failed(scenario.number(), scenario.title(), e));
            }
            rows.forEach(System.out::println);
            System.out.printf("   (%d s)%n", (System.nanoTime() - scenarioBegin) / 1_000_000_000);
            results.put(scenario, rows);
        }
        Background.awaitClosed(30);
        Report.write(out, results, machine, started, Duration.ofNanos(System.nanoTime() - begin), size);
        List<Result> all = results.values().stream().flatMap(List::stream).toList();
        long failed = all.stream().filter(r -> !r.meetsGoal()).count();
        System.out.println("Wrote " + out.toAbsolutePath() + ": " + (all.size() - failed) + " of " + all.size()
                + " rows meet the goal");
        System.exit(failed == 0 ? 0 : 1);
    }

    private static String value(List<String> options, String name) {
        int at = options.indexOf(name);
        if (at < 0) {
            return null;
        }
        if (at + 1 >= options.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return options.get(at + 1);
    }
}
