package io.rocketcamel.benchmarks;

import java.time.Instant;
import java.util.List;

/**
 * Everything a run measured, for the report and the chart: {@code idle}, {@code peak} and {@code after} are this JVM's
 * memory, {@code examples} the examples app's. {@code othersCpuShare} is the share of the machine's CPU that other
 * processes used while the scenarios ran (-1 where unknown). {@code disk} is null when the disk phase did not run.
 */
record RunData(Instant started, double minutes, Machine machine, double loadBefore, double othersCpuShare, Memory idle,
               Memory peak, Memory after, AppMemory examples, List<Result> results, DiskWrite disk, Options options) {

    boolean busy() {
        return loadBefore > machine.cores() * 0.75 || othersCpuShare > 0.10;
    }

    Result result(String scenarioId, Peer peer) {
        return results.stream().filter(r -> r.scenarioId().equals(scenarioId) && r.peer() == peer && r.ran()).findFirst().orElse(null);
    }
}
