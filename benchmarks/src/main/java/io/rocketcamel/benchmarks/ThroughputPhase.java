package io.rocketcamel.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * Sends a scenario's messages as fast as its callers can and times them until the broker has stored the last one, so
 * peers that complete before the broker answers (oneway, camel-rocketmq's default) are not credited for unsent work.
 * The measured part comes in rounds, so that the peers of a scenario can take turns (see {@link BenchmarkRun}).
 */
final class ThroughputPhase {

    private static final long STORE_STALL_MILLIS = 3_000;
    static final long ONEWAY_AHEAD = 4096;

    private final Scenario scenario;
    private final BrokerStore store;
    private final String topic;
    private final Driver driver;
    private final long storedBefore;
    private final List<Profile> profiles = new ArrayList<>();
    private long units;
    private long stored;
    private long nanos;
    private long commitLogBytes;

    record Outcome(long messages, double seconds, double storeMiBPerSecond, Latency send, String problem, Profile profile) {
    }

    /** Runs the warm-up (a tenth of the scenario's units) on the given sender. */
    ThroughputPhase(Scenario scenario, Sender sender, BrokerStore store, String topic) throws Exception {
        this.scenario = scenario;
        this.store = store;
        this.topic = topic;
        new Driver(scenario, sender, gate()).run(scenario.warmupUnits());
        storedBefore = store.awaitStored(topic, (long) scenario.warmupUnits() * scenario.batch(), STORE_STALL_MILLIS).count();
        driver = new Driver(scenario, sender, gate());
    }

    void round(int roundUnits) throws Exception {
        units += roundUnits;
        long commitLog = store.commitLogBytes();
        try (Profiler profiler = new Profiler()) {
            long begin = System.nanoTime();
            driver.run(roundUnits);
            long sent = System.nanoTime();
            BrokerStore.Stored result = store.awaitStored(topic, storedBefore + units * scenario.batch() - driver.failedMessages(),
                    STORE_STALL_MILLIS);
            stored = result.count() - storedBefore;
            nanos += Math.max(sent, result.seenAtNanos()) - begin;
            profiles.add(profiler.stop());
        }
        commitLogBytes += store.commitLogBytes() - commitLog;
    }

    Outcome outcome() {
        double seconds = nanos / 1e9;
        return new Outcome(stored, seconds, commitLogBytes / (1024.0 * 1024.0) / seconds, Latency.of(driver.latency()),
                problem(units * scenario.batch()), Profile.merge(profiles));
    }

    private Gate gate() {
        return scenario.mode() == Mode.ONEWAY ? Gate.storeBound(store, topic, ONEWAY_AHEAD) : Gate.OPEN;
    }

    private String problem(long sent) {
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
