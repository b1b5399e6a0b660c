package io.rocketcamel.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The whole benchmark with a few hundred messages per scenario, against the real embedded broker. */
class BenchmarkIT {

    private static final Path OUT = Path.of("target", "benchmark-smoke");

    @Test
    void everyScenarioAndPeerCompletesWithNumbersAndTheReportGoesToTarget() throws Exception {
        RunData data = BenchmarkMain.run(Options.parse("--smoke", "--out", OUT.toString()));

        List<String> scenarios = Sizes.SMOKE.scenarios().stream().map(Scenario::id).toList();
        assertThat(data.results()).extracting(Result::scenarioId).containsAll(scenarios).contains("drain-concurrently", "drain-orderly");
        for (Result result : data.results()) {
            String row = result.scenarioId() + " / " + result.peer();
            if (!result.ran()) {
                assertThat(result.skipped()).as(row).isNotBlank();
                continue;
            }
            // A send that times out on a busy machine is reported in the row, not a broken scenario.
            assertThat(result.problem() == null || !result.problem().startsWith("failed")).as(row + ": " + result.problem()).isTrue();
            assertThat(result.messages()).as(row).isPositive();
            assertThat(result.messagesPerSecond()).as(row).isPositive();
            if (result.send() != null) {
                assertThat(result.send().p50()).as(row).isPositive();
                assertThat(result.endToEnd().count()).as(row).isPositive();
                assertThat(result.storeMiBPerSecond()).as(row).isPositive();
            }
        }
        assertThat(data.results()).filteredOn(r -> r.peer() == Peer.RAW || r.peer() == Peer.OURS).filteredOn(r -> !r.scenarioId().equals("transactional"))
                .filteredOn(r -> !r.scenarioId().equals("auto-batch")).allMatch(Result::ran);
        assertThat(data.disk().syncedMiBPerSecond()).isPositive();
        assertThat(data.idle().rssMiB()).isPositive();
        assertThat(data.peak().heapUsedMiB()).isPositive();
        assertThat(data.examples().notMeasured()).isEqualTo("not measured in a smoke run");

        assertThat(OUT.resolve(ReportWriter.REPORT)).exists().content().contains("## Goals", "**ONEWAY can outrun the broker.**",
                "| examples app (`routes-examples`) | not measured in a smoke run |");
        assertThat(Files.size(OUT.resolve(ReportWriter.CHART))).isPositive();
    }
}
