package io.rocketcamel.benchmarks;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Consume throughput: one backlog, written once with raw batch sends, drained by each peer in its own consumer group
 * from the first offset. Timed from the first message received to the last, so the consumer's start-up is left out
 * (and reported separately).
 */
final class DrainPhase {

    private static final long STALL_TIMEOUT_MILLIS = 45_000;

    private final AtomicLong received = new AtomicLong();
    private volatile long firstAt;
    private volatile long lastAt;

    record Outcome(long received, double seconds, double startSeconds) {
    }

    /** @return the backlog's size as the broker reports it */
    static long fill(Sender sender, BrokerStore store, String topic, long messages) throws Exception {
        Scenario fill = new Scenario("backlog", "backlog", Mode.SYNC, 2, 1, 64, false, false,
                (int) Math.ceil(messages / 64.0), null, java.util.List.of(Peer.RAW));
        Driver driver = new Driver(fill, sender);
        driver.run(fill.units());
        if (driver.failures() > 0) {
            throw new IllegalStateException(driver.failures() + " batches of the backlog failed, first: " + driver.firstFailure());
        }
        return store.awaitStored(topic, fill.messages(), 5_000).count();
    }

    static Outcome drain(EndToEndPhase.ReceiverFactory receivers, long messages) throws Exception {
        return new DrainPhase().measure(receivers, messages);
    }

    private Outcome measure(EndToEndPhase.ReceiverFactory receivers, long messages) throws Exception {
        long begin = System.nanoTime();
        Receiver receiver = receivers.start(body -> {
            long now = System.nanoTime();
            if (received.getAndIncrement() == 0) {
                firstAt = now;
            }
            lastAt = now;
        });
        try {
            long seen = -1;
            long progressAt = System.currentTimeMillis();
            while (received.get() < messages && System.currentTimeMillis() - progressAt < STALL_TIMEOUT_MILLIS) {
                Thread.sleep(20);
                if (received.get() != seen) {
                    seen = received.get();
                    progressAt = System.currentTimeMillis();
                }
            }
        } finally {
            receiver.close();
        }
        long count = received.get();
        return new Outcome(count, count > 1 ? (lastAt - firstAt) / 1e9 : 0, count > 0 ? (firstAt - begin) / 1e9 : 0);
    }
}
