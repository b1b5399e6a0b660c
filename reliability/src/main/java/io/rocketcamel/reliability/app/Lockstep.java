package io.rocketcamel.reliability.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * Keeps the loads of one sender process within {@code window} messages of the others' completions, so that a fault
 * injected while one load is mid-stream finds every load mid-stream: paced alone, a load the broker served faster
 * finished before a slower one reached the fault, and its row passed with nothing at risk (scenario 1's ASYNC load,
 * before the SYNC one on a SYNC_FLUSH broker reached a third). A window of 0 keeps nothing in step.
 */
final class Lockstep {

    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final int window;
    private final List<IntSupplier> completed = new CopyOnWriteArrayList<>();

    Lockstep(int window) {
        this.window = window;
    }

    /** @param completions how many of the load's messages completed */
    void join(IntSupplier completions) {
        completed.add(completions);
    }

    /** Waits until the slowest of the other loads is within the window of {@code seq}, or {@code stopped}. */
    void await(IntSupplier own, int seq, BooleanSupplier stopped) {
        while (window > 0 && !stopped.getAsBoolean() && seq > slowestBut(own) + window) {
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }

    private int slowestBut(IntSupplier own) {
        return completed.stream().filter(load -> load != own).mapToInt(IntSupplier::getAsInt).min()
                .orElse(Integer.MAX_VALUE - window);
    }
}
