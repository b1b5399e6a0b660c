package io.rocketcamel.benchmarks;

/**
 * One peer in one scenario (or one drain). {@code skipped} holds why it did not run; {@code problem} what went wrong
 * when it ran but not cleanly (failed sends, messages the broker never stored, a consumer that missed messages).
 */
record Result(String scenarioId, String scenarioTitle, Peer peer, String skipped, long messages, double seconds,
              double storeMiBPerSecond, Latency send, Latency endToEnd, String note, String problem, Profile profile) {

    static Result skipped(Scenario scenario, Peer peer, String reason) {
        return new Result(scenario.id(), scenario.title(), peer, reason, 0, 0, 0, null, null, null, null, Profile.NONE);
    }

    boolean ran() {
        return skipped == null;
    }

    double messagesPerSecond() {
        return seconds > 0 ? messages / seconds : 0;
    }

    double miBPerSecond() {
        return messagesPerSecond() * Payloads.SIZE / (1024.0 * 1024.0);
    }
}
