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
 * until the consumer receives one, so queue assignment and the client's start-up races are not measured (their
 * duration is reported as the consumer's readiness).
 */
final class EndToEndPhase {

    private static final long READY_TIMEOUT_SECONDS = 60;
    private static final long RECEIVE_TIMEOUT_MILLIS = 30_000;

    private final Histogram latency = Latency.recorder();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong orderViolations = new AtomicLong();
    private final Map<Integer, Long> lastSequenceByKey = new ConcurrentHashMap<>();
    private final CountDownLatch ready = new CountDownLatch(1);

    record Outcome(Latency latency, long expected, long received, double readySeconds, long orderViolations) {
    }

    interface ReceiverFactory {
        Receiver start(Consumer<byte[]> listener) throws Exception;
    }

    static Outcome run(Scenario scenario, Sender sender, ReceiverFactory receivers, int messages, double rate) throws Exception {
        return new EndToEndPhase().measure(scenario, sender, receivers, messages, rate);
    }

    private Outcome measure(Scenario scenario, Sender sender, ReceiverFactory receivers, int messages, double rate) throws Exception {
        Receiver receiver = receivers.start(this::onMessage);
        try {
            double readySeconds = awaitReady(sender);
            int units = Math.max(1, messages / scenario.batch());
            new Driver(scenario, sender).runPaced(units, rate / scenario.batch());
            long expected = (long) units * scenario.batch();
            long deadline = System.currentTimeMillis() + RECEIVE_TIMEOUT_MILLIS;
            while (received.get() < expected && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            return new Outcome(Latency.of(latency), expected, received.get(), readySeconds, orderViolations.get());
        } finally {
            receiver.close();
        }
    }

    private double awaitReady(Sender sender) throws Exception {
        long begin = System.nanoTime();
        long deadline = begin + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
        while (!ready.await(200, TimeUnit.MILLISECONDS)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The consumer received no probe within " + READY_TIMEOUT_SECONDS + " s");
            }
            sender.send(List.of(Payloads.stamped(-1, -1)), null, failure -> {
            });
        }
        return (System.nanoTime() - begin) / 1e9;
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
