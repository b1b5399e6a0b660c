package io.rocketcamel.benchmarks;

/**
 * Sends a scenario's messages as fast as its callers can and times them until the broker has stored the last one, so
 * peers that complete before the broker answers (oneway, camel-rocketmq's default) are not credited for unsent work.
 */
final class ThroughputPhase {

    private static final long STORE_STALL_MILLIS = 3_000;
    private static final long ONEWAY_AHEAD = 4096;

    private ThroughputPhase() {
    }

    record Outcome(long messages, double seconds, double storeMiBPerSecond, Latency send, String problem, Profile profile) {
    }

    static Outcome run(Scenario scenario, Sender sender, BrokerStore store, String topic) throws Exception {
        new Driver(scenario, sender, gate(scenario, store, topic)).run(scenario.warmupUnits());
        long before = store.awaitStored(topic, (long) scenario.warmupUnits() * scenario.batch(), STORE_STALL_MILLIS).count();
        Driver driver = new Driver(scenario, sender, gate(scenario, store, topic));
        Profile profile;
        long stored;
        long begin;
        long end;
        long commitLog = store.commitLogBytes();
        try (Profiler profiler = new Profiler()) {
            begin = System.nanoTime();
            driver.run(scenario.units());
            long sent = System.nanoTime();
            BrokerStore.Stored result = store.awaitStored(topic, before + scenario.messages() - driver.failedMessages(), STORE_STALL_MILLIS);
            stored = result.count() - before;
            end = Math.max(sent, result.seenAtNanos());
            profile = profiler.stop();
        }
        double seconds = (end - begin) / 1e9;
        double storeMiB = (store.commitLogBytes() - commitLog) / (1024.0 * 1024.0) / seconds;
        return new Outcome(stored, seconds, storeMiB, Latency.of(driver.latency()), problem(driver, stored, scenario.messages()), profile);
    }

    private static Gate gate(Scenario scenario, BrokerStore store, String topic) {
        return scenario.mode() == Mode.ONEWAY ? Gate.storeBound(store, topic, ONEWAY_AHEAD) : Gate.OPEN;
    }

    private static String problem(Driver driver, long stored, long sent) {
        StringBuilder problem = new StringBuilder();
        if (driver.failures() > 0) {
            problem.append(driver.failures()).append(" sends failed, first: ").append(driver.firstFailure()).append(". ");
        }
        if (stored < sent) {
            problem.append("the broker stored ").append(stored).append(" of ").append(sent).append(" messages. ");
        }
        return problem.isEmpty() ? null : problem.toString().trim();
    }
}
