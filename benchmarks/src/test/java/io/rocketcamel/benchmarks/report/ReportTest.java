package io.rocketcamel.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rocketcamel.benchmarks.Workload;
import io.rocketcamel.benchmarks.report.RunResult.Check;
import io.rocketcamel.benchmarks.report.RunResult.CpuProfile;
import io.rocketcamel.benchmarks.report.RunResult.MemoryReport;
import io.rocketcamel.benchmarks.report.RunResult.PeerResult;
import io.rocketcamel.benchmarks.report.RunResult.WorkloadResult;
import io.rocketcamel.benchmarks.system.DiskUse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    private static final Latency SOME = new Latency(100, 0.2, 1.5, 3, 4);

    @Test
    void theRawClientInACamelRouteSplitsOursGapIntoCamelsShareAndOurs() {
        List<Check> checks = Goals.evaluate(List.of(workload("sync-1", goal(null, null, 0.95), peer("raw", 4000, null),
                peer("raw-in-route", 3800, null), peer("ours", 3420, null))), List.of());

        assertThat(checks).containsExactly(new Check("sync-1", "ours >= 0.95x raw client",
                "0.86x (raw client in a Camel route 0.95x of the raw client; ours 0.90x of that route)", false, "0.09x short"));
    }

    @Test
    void theHarnessIsCheckedAgainstThePlainLoopAndOursAgainstTheRawClient() {
        List<Check> checks = Goals.evaluate(List.of(workload("sync-1", goal(null, null, 0.95), peer("plain-loop", 5000, null),
                peer("raw", 4400, null), peer("ours", 4300, null))), List.of());

        assertThat(checks).containsExactly(
                new Check("sync-1", "harness: raw client within 10% of the plain loop", "0.88x", false, "off by 12%"),
                new Check("sync-1", "ours >= 0.95x raw client", "0.98x", true, ""));
    }

    /**
     * Four rounds whose ratios swing from 0.70x to 1.06x cannot tell 0.91x from 0.95x; four that stay at 0.87x-0.90x
     * can. Rounds of the same index ran back to back, so each pair is compared on its own.
     */
    @Test
    void aRatioMissSaysWhetherItIsBeyondTheRunsNoise() {
        PeerResult raw = rounds("raw", 3788, 3536, 3138, 3312);
        List<Check> noisy = Goals.evaluate(List.of(workload("sync-1", goal(null, null, 0.95), raw,
                rounds("ours", 3450, 3750, 3038, 2302))), List.of());
        List<Check> steady = Goals.evaluate(List.of(workload("sync-8", goal(null, null, 0.95), raw,
                rounds("ours", 3333, 3182, 2793, 2881))), List.of());

        assertThat(noisy).containsExactly(new Check("sync-1", "ours >= 0.95x raw client",
                "0.91x (rounds 0.70x-1.06x, their mean's 90% interval 0.72x-1.11x)", false,
                "0.04x short, inside this run's noise: the interval reaches 0.95x"));
        assertThat(steady).containsExactly(new Check("sync-8", "ours >= 0.95x raw client",
                "0.88x (rounds 0.87x-0.90x, their mean's 90% interval 0.87x-0.90x)", false,
                "0.07x short, beyond this run's noise: the interval ends below 0.95x"));
    }

    @Test
    void aRateGoalShowsTheRawClientBesideOursAndOrderIsChecked() {
        List<Check> checks = Goals.evaluate(List.of(workload("ordered", goal(30_000d, 10d, null), peer("raw", 8000, null),
                peer("ours", 25_000, "per-key order kept: 1 messages"))), List.of());

        assertThat(checks).contains(new Check("ordered", ">= 30,000 msg/s", "25,000 msg/s (raw client 8,000)", false, "17% short (5,000 msg/s)"),
                new Check("ordered", "send p99 < 10 ms", "1.50 ms", true, ""), new Check("ordered", "per-key order kept", "kept", true, ""));
    }

    @Test
    void scenariosAreCheckedForRateLatencyAndLosses() throws Exception {
        JsonNode scenario = new ObjectMapper().readTree("""
                {"scenario": "cdc", "targetPerMinute": 500000, "completedPerMinute": 150000, "latencyName": "commit -> sinks",
                 "latencyTargetMs": 500, "latency": {"count": 1000, "p99": 120.5}, "lost": 0}""");

        assertThat(Goals.evaluate(List.of(), List.of(scenario))).containsExactly(
                new Check("cdc", ">= 500,000 a minute", "150,000 a minute", false, "70% short"),
                new Check("cdc", "commit -> sinks p99 < 500 ms", "120.50 ms", true, ""),
                new Check("cdc", "nothing lost", "0 lost", true, ""));
    }

    @Test
    void aScenarioAtARateOfItsOwnIsCheckedForKeepingUpWithIt() throws Exception {
        JsonNode scenario = new ObjectMapper().readTree("""
                {"scenario": "order-saga", "targetPerMinute": 100000, "offeredPerMinute": 8000, "completedPerMinute": 7850,
                 "startedPerMinute": 7995, "submitted": 7995, "completed": 7995, "latencyName": "placed -> final",
                 "latencyTargetMs": 200, "latency": {"count": 7995, "p99": 250}, "lost": 0}""");

        assertThat(Goals.evaluate(List.of(), List.of(scenario))).containsExactly(
                new Check("order-saga at 8,000/min", "keeps up with 8,000 a minute", "7,995 a minute started, 7,995 of 7,995 finished",
                        true, ""),
                new Check("order-saga at 8,000/min", "placed -> final p99 < 200 ms", "250.00 ms", false, "over by 50.00 ms"),
                new Check("order-saga at 8,000/min", "nothing lost", "0 lost", true, ""));
    }

    @Test
    void aScenarioWithNoMeasuredUnitFailsItsLatencyCheck() throws Exception {
        JsonNode scenario = new ObjectMapper().readTree("""
                {"scenario": "cdc", "targetPerMinute": 500000, "completedPerMinute": 14920, "submitted": 0, "completed": 0,
                 "latencyName": "commit -> sinks", "latencyTargetMs": 500, "latency": {"count": 0, "p99": 0}, "lost": 0}""");

        assertThat(Goals.evaluate(List.of(), List.of(scenario)))
                .contains(new Check("cdc", "commit -> sinks p99", "no unit measured", false, "none of the measured units finished"));
    }

    @Test
    void aComparisonWithARunOnAnotherProcessorSaysSo() {
        RunResult now = run(0.0, peer("raw", 5000, null));

        assertThat(Report.render(now, run(0.0, peer("raw", 4000, null)), null, "java -jar b.jar"))
                .contains("2 cores (AMD EPYC, 2,096 MHz)", "compare with the run of 2026-01-01T00:00:00Z.")
                .doesNotContain("which ran on");
        assertThat(Report.render(now, run(0.0, peer("raw", 4000, null), List.of(), "Intel Xeon, 2,900 MHz"), null, "java -jar b.jar"))
                .contains("**which ran on Intel Xeon, 2,900 MHz**: compare ratios within each run");
        assertThat(Report.render(now, run(0.0, peer("raw", 4000, null), List.of(), null), null, "java -jar b.jar"))
                .contains("**which ran on a processor it did not record**");
    }

    @Test
    void theTextAfterTheGeneratedPartIsKeptAndRunsAreComparedWithTheLastOne() {
        RunResult last = run(0.02, peer("raw", 4000, null));
        RunResult now = run(0.35, peer("raw", 5000, null));
        String existing = "old numbers\n" + Report.END + "\n## Analysis\n\nwritten by hand\n";

        String report = Report.render(now, last, existing, "java -jar b.jar");

        assertThat(report).startsWith("# Benchmarks").contains("**Preliminary: the machine was busy.** Other processes used 35%",
                "| raw | 5,000 | [5,000 – 5,000] | +25% |", "µs a message, 40% in the kernel; 2.25 threads waiting for a core)", "java -jar b.jar").doesNotContain("old numbers")
                .endsWith(Report.END + "\n## Analysis\n\nwritten by hand\n");
    }

    @Test
    void theStoresFileSystemIsShownAsRocketMQMeasuresItWithItsFullestPoint() {
        RunResult run = run(0.02, peer("raw", 4000, null), List.of(new DiskUse("at the start", 35), new DiskUse("after batch-2", 86.4),
                new DiskUse("before the scenarios", 36)));

        assertThat(Report.render(run, null, "", "java -jar b.jar")).contains("## Disk",
                "(over 85% the benchmark's broker deletes commit-log files whether read or not, over 90% a broker refuses messages): "
                + "35% at the start, 86% after batch-2, 36% before the scenarios; the most, 86%, after batch-2.");
    }

    /** One fork's JIT removes an allocation another's keeps: a single figure would show a change that is not there. */
    @Test
    void conversionBytesShowTheirSpreadOverForksWhereTheyDiffer() {
        RunResult base = run(0.0, peer("raw", 4000, null));
        RunResult run = new RunResult(base.started(), base.minutes(), base.machine(), base.loadBefore(), base.loadAfter(),
                base.othersCpuShare(), false, base.rounds(), base.roundSeconds(), base.workloads(), base.profiles(), base.checks(),
                List.of(new RunResult.ConversionCost("ours", "exchange -> message", 0.3, 0.01, 421.33, 384, 440, 3),
                        new RunResult.ConversionCost("camel-rocketmq", "exchange -> message", 0.08, 0.004, 224, 224, 224, 3)),
                base.memory(), base.scenarios(), base.disk(), base.diskUse());

        assertThat(Report.render(run, null, "", "java -jar b.jar")).contains("3 forks of 3 warm-up and 5 measured iterations",
                "| ours | exchange -> message | 0.300 ± 0.010 | 421 (384 - 440) |",
                "| camel-rocketmq | exchange -> message | 0.080 ± 0.004 | 224 |");
    }

    /** A run recorded before the forks were counted took one fork; its JSON has neither the count nor the spread. */
    @Test
    void conversionsOfARunFromBeforeTheForksWereCountedReadAsOneFork(@TempDir Path dir) throws Exception {
        Path old = dir.resolve("benchmarks.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode tree = json.valueToTree(run(0.0, peer("raw", 4000, null)));
        tree.putArray("conversions").addObject().put("component", "ours").put("conversion", "exchange -> message")
                .put("microsPerOp", 0.45).put("microsError", 0.03).put("bytesPerOp", 384);
        json.writeValue(old.toFile(), tree);

        assertThat(Report.render(RunResult.read(old), null, "", "java -jar b.jar"))
                .contains("one fork of 3 warm-up and 5 measured iterations", "| ours | exchange -> message | 0.450 ± 0.030 | 384 |")
                .doesNotContain("0 forks");
    }

    private static RunResult run(double othersCpuShare, PeerResult peer) {
        return run(othersCpuShare, peer, List.of());
    }

    private static RunResult run(double othersCpuShare, PeerResult peer, List<DiskUse> diskUse) {
        return run(othersCpuShare, peer, diskUse, "AMD EPYC, 2,096 MHz");
    }

    private static RunResult run(double othersCpuShare, PeerResult peer, List<DiskUse> diskUse, String processor) {
        return new RunResult("2026-01-01T00:00:00Z", 1, new RunResult.Machine(2, processor, 1024, "JVM", 512), List.of(0.5, 0.4, 0.3),
                List.of(0.6, 0.5, 0.3), othersCpuShare, false, 4, 3,
                List.of(workload("sync-1", goal(null, null, null), peer)), Map.of(), List.of(), List.of(),
                new MemoryReport(List.of(), null, List.of()), List.of(), null, diskUse);
    }

    private static Workload.Goal goal(Double msgPerSec, Double p99, Double rawRatio) {
        return new Workload.Goal(msgPerSec, p99, null, rawRatio);
    }

    private static WorkloadResult workload(String id, Workload.Goal goal, PeerResult... peers) {
        return new WorkloadResult(id, id, goal, List.of(peers));
    }

    private static PeerResult rounds(String id, double... rounds) {
        List<Double> each = java.util.Arrays.stream(rounds).boxed().toList();
        double mean = each.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return new PeerResult(id, id, null, (long) mean * 12, 12, mean, 5, each, SOME, null, null, null, CpuProfile.NONE);
    }

    private static PeerResult peer(String id, double msgPerSec, String note) {
        return new PeerResult(id, id, null, (long) msgPerSec * 12, 12, msgPerSec, 5, List.of(msgPerSec), SOME, null, note, null,
                new CpuProfile(1.5, 0.1, 0.4, 2.25, Map.of("NettyServerCodecThread", 0.4)));
    }
}
