package io.rocketcamel.benchmarks;

import java.util.List;

/**
 * One row group of the report: how the callers send ({@code threads} callers, each with at most {@code window}
 * unfinished units of {@code batch} messages) and which peers are measured.
 *
 * @param units send calls in the measured part, over all threads
 * @param target the goal for this kind of send, or null when the table has none
 */
record Scenario(String id, String title, Mode mode, int threads, int window, int batch, boolean ordered, boolean syncFlush,
                int units, Target target, List<Peer> peers) {

    long messages() {
        return (long) units * batch;
    }

    int warmupUnits() {
        return Math.max(1, units / 10);
    }
}
