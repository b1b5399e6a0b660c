package io.rocketcamel.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * The callers of a phase: {@code threads} threads, each keeping at most {@code window} units unfinished (1 is a
 * caller that waits for each send), optionally paced to a fixed rate. Send latency is from the call to the peer's
 * completion.
 */
final class Driver {

    private static final long DRAIN_TIMEOUT_SECONDS = 120;

    private final Scenario scenario;
    private final Sender sender;
    private final Gate gate;
    private final Histogram latency = Latency.recorder();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong failedMessages = new AtomicLong();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private final AtomicLong sequence = new AtomicLong();

    Driver(Scenario scenario, Sender sender) {
        this(scenario, sender, Gate.OPEN);
    }

    Driver(Scenario scenario, Sender sender, Gate gate) {
        this.scenario = scenario;
        this.sender = sender;
        this.gate = gate;
    }

    /** Sends {@code units} units spread over the scenario's threads, as fast as the window allows. */
    void run(int units) throws InterruptedException {
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < scenario.threads(); t++) {
            int share = units / scenario.threads() + (t < units % scenario.threads() ? 1 : 0);
            int thread = t;
            Thread caller = new Thread(() -> call(thread, share, scenario.window(), 0), "caller-" + t);
            caller.start();
            callers.add(caller);
        }
        for (Thread caller : callers) {
            caller.join();
        }
    }

    /** Sends {@code units} units from one thread at {@code unitsPerSecond}. */
    void runPaced(int units, double unitsPerSecond) {
        call(0, units, scenario.window(), (long) (1e9 / unitsPerSecond));
    }

    private void call(int thread, int units, int window, long intervalNanos) {
        Semaphore permits = new Semaphore(window);
        long start = System.nanoTime();
        for (int i = 0; i < units; i++) {
            if (intervalNanos > 0) {
                LockSupport.parkNanos(start + i * intervalNanos - System.nanoTime());
            }
            try {
                gate.pass(sequence.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            permits.acquireUninterruptibly();
            // Keys are per thread, so per-key order is the order this thread sends in.
            int key = thread * 64 + i % 64;
            List<byte[]> bodies = new ArrayList<>(scenario.batch());
            for (int b = 0; b < scenario.batch(); b++) {
                bodies.add(Payloads.stamped(sequence.getAndIncrement(), key));
            }
            long sentAt = System.nanoTime();
            try {
                sender.send(bodies, scenario.ordered() ? "order-" + key : null, failure -> {
                    Latency.record(latency, sentAt);
                    if (failure != null) {
                        fail(failure, bodies.size());
                    }
                    permits.release();
                });
            } catch (Exception e) {
                fail(e, bodies.size());
                permits.release();
            }
        }
        try {
            if (!permits.tryAcquire(window, DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail(new IllegalStateException((window - permits.availablePermits()) + " sends unfinished after "
                        + DRAIN_TIMEOUT_SECONDS + " s"), 0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fail(Throwable failure, int messages) {
        failures.incrementAndGet();
        failedMessages.addAndGet(messages);
        firstFailure.compareAndSet(null, failure);
    }

    Histogram latency() {
        return latency;
    }

    long failures() {
        return failures.get();
    }

    /** Messages whose send failed: the broker is not expected to store them. */
    long failedMessages() {
        return failedMessages.get();
    }

    Throwable firstFailure() {
        return firstFailure.get();
    }
}
