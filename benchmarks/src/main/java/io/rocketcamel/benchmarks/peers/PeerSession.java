package io.rocketcamel.benchmarks.peers;

import io.rocketcamel.benchmarks.report.Latency;

/**
 * One peer's clients for one workload: warmed up once, then measured in turns with the other peers' sessions. Closing
 * may finish in the background (see {@link Background}).
 */
public interface PeerSession extends AutoCloseable {

    /**
     * Sends for about {@code nanos} (paced at the workload's rate for E2E), then waits until every unit is answered.
     */
    Round round(long nanos) throws Exception;

    /** A round whose numbers are not kept: JIT and connections warm, the consumer (E2E) assigned its queues. */
    default void warmUp(long nanos) throws Exception {
        round(nanos);
    }

    /** Send latency over all rounds; {@link Latency#NONE} where the peer does not time its sends. */
    Latency sendLatency();

    /** Send to consume over all rounds; {@link Latency#NONE} outside E2E workloads. */
    Latency endToEndLatency();

    /** What went wrong beyond failed sends (messages a consumer never received), or null. */
    default String problem() {
        return null;
    }

    @Override
    void close();

    /**
     * @param messages  messages the peer considers sent (failures excluded)
     * @param failures  units that failed, with the first failure
     * @param endNanos  when the last unit was answered (System.nanoTime)
     */
    record Round(long messages, long failures, Throwable firstFailure, long endNanos) {
    }
}
