package io.rocketcamel.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.rocketcamel.benchmarks.report.Report;
import io.rocketcamel.benchmarks.report.RunResult;
import io.rocketcamel.benchmarks.report.RunResult.PeerResult;
import io.rocketcamel.benchmarks.report.RunResult.WorkloadResult;
import org.junit.jupiter.api.Test;

/** The whole benchmark with rounds of a few hundred milliseconds, against the real embedded broker. */
class BenchmarkIT {

    private static final Path OUT = Path.of("target", "benchmark-smoke");

    @Test
    void everyWorkloadAndPeerRunsAndTheResultsGoToJsonMarkdownAndCharts() throws Exception {
        RunResult run = BenchmarkMain.run(Options.parse("--smoke", "--out", OUT.toString()));

        List<Workload> workloads = Workload.all();
        List<String> ids = workloads.stream().map(Workload::id).toList();
        assertThat(workloads).filteredOn(w -> w.variantOf() != null).isNotEmpty()
                .allSatisfy(w -> assertThat(ids).as(w.id() + " is a variant of").contains(w.variantOf()));
        assertThat(run.workloads()).extracting(WorkloadResult::id).as("a smoke run leaves out the variants")
                .containsExactlyInAnyOrderElementsOf(workloads.stream().filter(w -> w.variantOf() == null).map(Workload::id).toList());
        for (WorkloadResult w : run.workloads()) {
            Workload workload = workloads.stream().filter(x -> x.id().equals(w.id())).findFirst().orElseThrow();
            assertThat(w.peers()).extracting(PeerResult::peer).containsExactlyElementsOf(workload.peers());
            for (PeerResult p : w.peers()) {
                String row = w.id() + " / " + p.peer();
                if (!p.ran()) {
                    assertThat(p.skipped()).as(row).isNotBlank();
                    continue;
                }
                // a send that times out on a busy machine shows in the row; a peer that cannot run at all is a failure
                assertThat(p.problem() == null || !p.problem().startsWith("failed")).as(row + ": " + p.problem()).isTrue();
                assertThat(p.msgPerSec()).as(row).isPositive();
                if (workload.kind() == Workload.Kind.SEND && !p.peer().equals("plain-loop")) {
                    assertThat(p.send().count()).as(row).isPositive();
                    assertThat(p.rounds()).as(row).hasSize(run.rounds());
                    assertThat(p.cpu().threads()).as(row).isNotEmpty();
                }
                if (workload.kind() == Workload.Kind.E2E) {
                    assertThat(p.endToEnd().count()).as(row).isPositive();
                }
                if (workload.ordered() && workload.kind() == Workload.Kind.SEND && !p.peer().equals("plain-loop")) {
                    assertThat(p.note()).as(row).startsWith("per-key order kept");
                }
            }
        }
        assertThat(run.workload("sync-1").peer("ours")).isNotNull();
        assertThat(run.conversions()).hasSize(6).allSatisfy(c -> assertThat(c.microsPerOp()).isPositive());
        assertThat(run.conversions().get(5).component()).isEqualTo("Camel 4.17.0, no component");
        assertThat(run.memory().benchmarkPeak().heapUsedMiB()).isPositive();
        assertThat(run.disk().syncedMiBPerSecond()).isPositive();

        assertThat(RunResult.read(OUT.resolve(BenchmarkMain.JSON))).isEqualTo(run);
        assertThat(OUT.resolve(BenchmarkMain.REPORT)).content().contains("## Goals", "## Workloads", "## Per-exchange cost (JMH)",
                "**Smoke run**", Report.END);
        assertThat(Files.size(OUT.resolve("benchmarks.png"))).isPositive();
    }
}
