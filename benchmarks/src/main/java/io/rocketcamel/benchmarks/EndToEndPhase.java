package io.rocketcamel.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.HdrHistogram.Histogram;

/**
 * Send to consume latency at a fixed moderate rate, each peer's producer to the same peer's consumer. Probes go first
 * until the consumer receives one, so queue assignment and the client's start-up races are not measured. The consumer is started before the scenario's throughput phase:
 * its start-up, a second or more per consumer, then overlaps with that phase instead of adding to the run.
 */
final class EndToEndPhase implements AutoCloseable {

    private static final long READY_TIMEOUT_SECONDS = 60;
    private static final long RECEIVE_TIMEOUT_MILLIS = 30_000;

    private final Histogram latency = Latency.recorder();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong orderViolations = new AtomicLong();
    private final Map<Integer, Long> lastSequenceByKey = new ConcurrentHashMap<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private Receiver receiver;

    record Outcome(Latency latency, long expected, long received, long orderViolations) {
    }

    interface ReceiverFactory {
        Receiver start(Consumer<byte[]> listener) throws Exception;
    }

    static EndToEndPhase start(ReceiverFactory receivers) throws Exception {
        EndToEndPhase phase = new EndToEndPhase();
        phase.receiver = receivers.start(phase::onMessage);
        return phase;
    }

    Outcome measure(Scenario scenario, Sender sender, int messages, double rate) throws Exception {
        awaitReady(sender);
        int units = Math.max(1, messages / scenario.batch());
        new Driver(scenario, sender).runPaced(units, rate / scenario.batch());
        long expected = (long) units * scenario.batch();
        long deadline = System.currentTimeMillis() + RECEIVE_TIMEOUT_MILLIS;
        while (received.get() < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        return new Outcome(Latency.of(latency), expected, received.get(), orderViolations.get());
    }

    private void awaitReady(Sender sender) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
        while (!ready.await(100, TimeUnit.MILLISECONDS)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The consumer received no probe within " + READY_TIMEOUT_SECONDS + " s");
            }
            sender.send(List.of(Payloads.stamped(-1, -1)), null, failure -> {
            });
        }
    }

    @Override
    public void close() {
        receiver.close();
    }

    private void onMessage(byte[] body) {
        long sequence = Payloads.sequence(body);
        if (sequence < 0) {
            ready.countDown();
            return;
        }
        Latency.record(latency, Payloads.sentAtNanos(body));
        received.incrementAndGet();
        Long previous = lastSequenceByKey.put(Payloads.key(body), sequence);
        if (previous != null && previous > sequence) {
            orderViolations.incrementAndGet();
        }
    }
}
