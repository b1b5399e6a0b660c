package io.rocketcamel.benchmarks.peers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import io.rocketcamel.benchmarks.BrokerStore;
import io.rocketcamel.benchmarks.Payloads;
import io.rocketcamel.benchmarks.Workload;
import io.rocketcamel.benchmarks.report.Latency;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The callers of a peer measured through the harness: {@code callers} threads, each keeping at most {@code inFlight}
 * units unfinished, timing every unit from the call to the peer's completion. A workload with a rate paces its
 * callers at it and times each unit from when it was due to be sent (so a stalled send delays the ones behind it in
 * the numbers too): to the peer's completion, and in E2E workloads also to when this peer's consumer received it.
 */
final class HarnessSession implements PeerSession {

    private static final long DRAIN_TIMEOUT_SECONDS = 60;
    private static final long PROBE_TIMEOUT_SECONDS = 60;
    /**
     * Oneway sends have no answer to wait for: one unbounded caller overran the broker on the 2-core machine (it
     * dropped 17% of 100,000 messages and the client's connection hung for minutes). A oneway caller stays at most
     * this many messages ahead of what the broker stored, looking every {@value #STORE_CHECK_EVERY} sends.
     */
    static final int ONEWAY_AHEAD = 4096;
    static final int STORE_CHECK_EVERY = 256;

    private final Workload workload;
    private final Sender sender;
    private final BrokerStore store;
    private final String topic;
    private final boolean stamped;
    private final List<byte[]> sharedBatch;
    /** Units each caller sent so far, over all rounds: the sequence of each of its keys goes on from round to round. */
    private final long[] sent;
    private final Histogram send = new ConcurrentHistogram(3);
    private final Histogram endToEnd = new ConcurrentHistogram(3);
    private final LongAdder received = new LongAdder();
    private final CountDownLatch probed = new CountDownLatch(1);
    private final Receiver receiver;
    /** Written by the one E2E caller, read after it was joined. */
    private long expectedReceived;

    HarnessSession(Workload workload, Sender sender, BrokerStore store, String topic, Peer peer) throws Exception {
        this.workload = workload;
        this.sender = sender;
        this.store = store;
        this.topic = topic;
        this.stamped = workload.ordered() || workload.kind() == Workload.Kind.E2E;
        this.sharedBatch = Collections.nCopies(workload.batch(), Payloads.SHARED);
        this.sent = new long[workload.callers()];
        this.receiver = workload.kind() == Workload.Kind.E2E ? peer.receive(topic, "g-" + topic, false, this::onReceived) : null;
    }

    @Override
    public void warmUp(long nanos) throws Exception {
        if (receiver != null) {
            awaitProbe();
        }
        round(nanos);
        if (receiver != null) {
            awaitReceived();
        }
        send.reset();
        endToEnd.reset();
    }

    @Override
    public Round round(long nanos) throws Exception {
        RoundCounters counters = new RoundCounters();
        long deadline = System.nanoTime() + nanos;
        long interval = workload.rate() > 0 ? (long) (1e9 * workload.callers() / workload.rate()) : 0;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < workload.callers(); c++) {
            int caller = c;
            Thread thread = new Thread(() -> call(caller, deadline, interval, counters), "caller-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return new Round(counters.messages.sum(), counters.failures.sum(), counters.firstFailure.get(),
                Math.max(counters.lastDone.get(), System.nanoTime() - 1));
    }

    private void call(int caller, long deadline, long intervalNanos, RoundCounters counters) {
        Semaphore permits = new Semaphore(workload.inFlight());
        long start = System.nanoTime();
        long storedBase = workload.send() == Workload.SendMode.ONEWAY ? store.stored(topic) : 0;
        for (long unit = 0; ; unit++) {
            long due = start + unit * intervalNanos;
            if (intervalNanos > 0) {
                if (due >= deadline) {
                    break;
                }
                LockSupport.parkNanos(due - System.nanoTime());
            } else if (System.nanoTime() >= deadline) {
                break;
            }
            if (workload.send() == Workload.SendMode.ONEWAY) {
                holdBackOneway(unit, storedBase);
            }
            permits.acquireUninterruptibly();
            long sequence = sent[caller]++;
            int key = caller * workload.keysPerCaller() + (int) (sequence % workload.keysPerCaller());
            long startedAt = intervalNanos > 0 ? due : System.nanoTime();
            Object body = body(startedAt, key, sequence / workload.keysPerCaller());
            if (receiver != null) {
                expectedReceived += workload.batch();
            }
            try {
                sender.send(body, workload.ordered() ? "key-" + key : null, failure -> {
                    long now = System.nanoTime();
                    send.recordValue(Math.max(1, (now - startedAt) / 1000));
                    counters.done(failure, workload.batch(), now);
                    permits.release();
                });
            } catch (Exception e) {
                counters.done(e, workload.batch(), System.nanoTime());
                permits.release();
            }
        }
        try {
            if (!permits.tryAcquire(workload.inFlight(), DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                counters.done(new IllegalStateException((workload.inFlight() - permits.availablePermits())
                        + " units unanswered " + DRAIN_TIMEOUT_SECONDS + " s after the round"), 0, 0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Object body(long sentAt, int key, long sequence) {
        if (!stamped) {
            return workload.batch() == 1 ? Payloads.SHARED : sharedBatch;
        }
        if (workload.batch() == 1) {
            return Payloads.stamped(sentAt, key, sequence);
        }
        List<byte[]> batch = new ArrayList<>(workload.batch());
        for (int i = 0; i < workload.batch(); i++) {
            batch.add(Payloads.stamped(sentAt, key, sequence));
        }
        return batch;
    }

    /** A broker that stores nothing for a second lets the caller go on, so lost oneway messages still show. */
    private void holdBackOneway(long unit, long storedBase) {
        if (unit % STORE_CHECK_EVERY != 0) {
            return;
        }
        long stored = store.stored(topic) - storedBase;
        long progressAt = System.currentTimeMillis();
        while (unit - stored > ONEWAY_AHEAD && System.currentTimeMillis() - progressAt < 1000) {
            LockSupport.parkNanos(1_000_000);
            long now = store.stored(topic) - storedBase;
            if (now != stored) {
                stored = now;
                progressAt = System.currentTimeMillis();
            }
        }
    }

    private void onReceived(byte[] body) {
        long sequence = Payloads.sequence(body);
        if (sequence < 0) {
            probed.countDown();
            return;
        }
        endToEnd.recordValue(Math.max(1, (System.nanoTime() - Payloads.sentAtNanos(body)) / 1000));
        received.increment();
    }

    /** Probes go first until the consumer receives one: queue assignment and the client's start-up are not measured. */
    private void awaitProbe() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROBE_TIMEOUT_SECONDS);
        while (!probed.await(100, TimeUnit.MILLISECONDS)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The consumer received no probe within " + PROBE_TIMEOUT_SECONDS + " s");
            }
            sender.send(Payloads.stamped(System.nanoTime(), 0, -1), null, failure -> { });
        }
    }

    private void awaitReceived() throws InterruptedException {
        long deadline = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(DRAIN_TIMEOUT_SECONDS);
        while (received.sum() < expectedReceived && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
    }

    @Override
    public Latency sendLatency() {
        return Latency.of(send);
    }

    @Override
    public Latency endToEndLatency() {
        if (receiver == null) {
            return Latency.NONE;
        }
        try {
            awaitReceived();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Latency.of(endToEnd);
    }

    @Override
    public String problem() {
        long missing = expectedReceived - received.sum();
        return receiver == null || missing <= 0 ? null
                : "its consumer received " + received.sum() + " of " + expectedReceived + " messages";
    }

    @Override
    public void close() {
        sender.close();
        if (receiver != null) {
            receiver.close();
        }
    }

    private static final class RoundCounters {
        final LongAdder messages = new LongAdder();
        final LongAdder failures = new LongAdder();
        final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        final LongAccumulator lastDone = new LongAccumulator(Math::max, 0);

        void done(Throwable failure, int units, long at) {
            if (failure == null) {
                messages.add(units);
            } else {
                failures.increment();
                firstFailure.compareAndSet(null, failure);
            }
            lastDone.accumulate(at);
        }
    }
}
