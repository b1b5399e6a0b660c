package io.rocketcamel.reliability;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes docs/reliability.md: the machine, the command, one row per result, and what each scenario did. */
final class Report {

    private Report() {
    }

    record Machine(int cores, long memoryMiB, String java, double loadBefore) {
        static Machine current() {
            long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getTotalMemorySize();
            return new Machine(Runtime.getRuntime().availableProcessors(), memory >> 20,
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"), load());
        }

        static double load() {
            try {
                return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }

    static void write(Path file, Map<Scenario, List<Result>> byScenario, Machine machine, Instant started,
            Duration took, Scenario.Size size) throws IOException {
        List<Result> results = byScenario.values().stream().flatMap(List::stream).toList();
        StringBuilder md = new StringBuilder();
        md.append("# Reliability under faults\n\n");
        md.append("What RocketCamel's goal, no message lost, looks like when processes die or hang: each scenario "
                + "starts name servers, brokers (the embedded broker's standalone runner), Camel senders and consumers "
                + "(the `rocketmq:` component) as separate JVMs on 127.0.0.1 (a master's HA port listens on all "
                + "interfaces, as RocketMQ binds it), kills exactly the processes it started, by their PID, with SIGKILL "
                + "(`kill -9`), or stops one with SIGSTOP (a hung process: still connected, answering nothing) and resumes it with "
                + "SIGCONT; a child ends when the run's JVM ends, "
                + "and then counts, from what the senders and consumers recorded and from the topics read back from the "
                + "brokers, what was lost, duplicated or reordered. The goal of every row: **lost = 0 and inversions = 0**; "
                + "a *control* row shows that a check can fail (it passes when the check reports the loss it must).\n\n");
        md.append(String.format(Locale.ROOT, "Run on %s UTC in %.1f minutes (%s sizes): %d cores, %,d MiB RAM, %s; "
                        + "load average %.1f before and %.1f after (times, outages and takeovers stretch with the load of "
                        + "other processes on the machine).\n\n",
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").format(started.atOffset(ZoneOffset.UTC)),
                took.toMillis() / 60_000.0, size.name().toLowerCase(Locale.ROOT), machine.cores(), machine.memoryMiB(),
                machine.java(), machine.loadBefore(), Machine.load()));
        md.append("Reproduce (from the repository root):\n\n```\n"
                + "mvn -B -q -pl reliability -am package -DskipTests && java -jar reliability/target/reliability-0.1.0-SNAPSHOT.jar\n"
                + "```\n\nOptions: `--quick` (the small sizes; the integration test `ReliabilityIT` runs scenarios 1, 2 and 4 "
                + "so in `mvn verify`), "
                + "`--only 1,4` (scenario numbers), `--out FILE` (default `docs/reliability.md`), `--keep` (keep "
                + "every scenario's stores, records and logs under the temporary directory; without it a scenario "
                + "keeps its own when one of its rows misses the goal, and that row names the directory, or when it "
                + "ends in an error, said on standard error). The cluster layouts and the runner commands are in "
                + "[cluster-layouts.md](cluster-layouts.md).\n\n");
        long failed = results.stream().filter(r -> !r.meetsGoal()).count();
        md.append("**").append(results.size() - failed).append(" of ").append(results.size())
                .append(" rows meet the goal").append(failed == 0 ? "." : failed == 1 ? "; 1 does not (FAIL)." : "; " + failed
                        + " do not (FAIL).").append("**\n\n");

        md.append("## Results\n\n");
        md.append("| # | Variant | N | Acknowledged | Stored | Processed | Lost | Duplicates | Inversions | Outage | Takeover | Result |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            md.append("| ").append(r.scenario).append(" | ").append(r.variant).append(" | ").append(num(r.n)).append(" | ")
                    .append(num(r.acknowledged)).append(" | ").append(num(r.stored)).append(" | ").append(num(r.processed))
                    .append(" | ").append(bold(r.lost)).append(" | ").append(num(r.duplicates)).append(" | ")
                    .append(r.inversionsInformational && r.inversions != null ? "(" + num(r.inversions) + ")" : bold(r.inversions))
                    .append(" | ").append(seconds(r.outageMillis)).append(" | ").append(seconds(r.takeoverMillis)).append(" | ")
                    .append(verdict(r)).append(" |\n");
        }
        md.append("\nAcknowledged: distinct messages whose exchange completed without an exception (for ONEWAY: without "
                + "any answer from the broker). Stored: distinct messages read back with the official client from the first "
                + "offset of every queue, after the run. Processed: distinct messages the consumer routes recorded before "
                + "their exchange completed. Lost: acknowledged but not stored, plus stored but not processed. Duplicates: "
                + "copies beyond the first, stored and processed (at-least-once allows them). Inversions: per key, a "
                + "message processed for the first time after a later message of its key (in brackets: reported, not "
                + "judged). Outage: the longest time a sender got no acknowledgement. Takeover: from the kill or restart to "
                + "the first message the new owner processed or acknowledged.\n\n");

        md.append("## What each scenario did\n");
        for (Map.Entry<Scenario, List<Result>> entry : byScenario.entrySet()) {
            Scenario scenario = entry.getKey();
            List<Result> rows = entry.getValue();
            md.append("\n### ").append(String.join(" and ", scenario.numbers())).append(". ").append(scenario.title())
                    .append("\n\n");
            md.append(scenario.description()).append("\n");
            for (Result r : rows) {
                md.append("\n- **").append(r.variant).append("**: ").append(verdict(r));
                for (String unmet : r.unmet) {
                    md.append("; not met: ").append(unmet);
                }
                for (String note : r.notes) {
                    md.append("\n  - ").append(note.replace("\n", " ").replace("|", "\\|"));
                }
            }
            md.append("\n");
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
    }

    private static String verdict(Result r) {
        return switch (r.verdict()) {
            case PASS -> "PASS";
            case FAIL -> "**FAIL**";
            case CONTROL_DETECTED -> "PASS (control: loss reported)";
            case CONTROL_MISSED -> "**FAIL** (control: no loss reported)";
        };
    }

    private static String num(Integer value) {
        return value == null ? "" : String.format(Locale.ROOT, "%,d", value);
    }

    private static String bold(Integer value) {
        return value == null ? "" : value > 0 ? "**" + num(value) + "**" : num(value);
    }

    private static String seconds(Long millis) {
        return millis == null ? "" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
