package io.rocketcamel.benchmarks.system;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * Samples a JVM's {@link Memory} at an interval and keeps the peak, for the "under load" figures. The samples should
 * leave out the store's mappings (a walk of /proc/.../smaps, milliseconds of CPU each on the cores being measured).
 */
public final class MemorySampler implements AutoCloseable {

    /** How often {@link #settled} looks. */
    private static final long SETTLE_INTERVAL_MILLIS = 250;
    /** RSS that moves less than this over {@link #STEADY_SAMPLES} samples has settled. */
    private static final long STEADY_MIB = 1;
    private static final int STEADY_SAMPLES = 3;
    private static final long SETTLE_TIMEOUT_MILLIS = 5_000;

    private final Thread thread;
    private volatile Memory peak;
    private volatile RuntimeException failure;

    public MemorySampler(Supplier<Memory> source, long intervalMillis) {
        peak = source.get();
        thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    peak = peak.max(source.get());
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // a child JVM that died: the peak so far is all there is, and peak() says so
                    failure = e;
                    return;
                }
            }
        }, "memory-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** @throws IllegalStateException when sampling failed, as a peak that stopped early would understate */
    public Memory peak() {
        if (failure != null) {
            throw new IllegalStateException("Memory sampling failed: " + failure, failure);
        }
        return peak;
    }

    /**
     * A sample once the RSS has settled (within {@value #STEADY_MIB} MiB over {@value #STEADY_SAMPLES} samples) or
     * after {@value #SETTLE_TIMEOUT_MILLIS} ms: after a GC, G1 returns freed heap to the OS in the background.
     */
    public static Memory settled(Supplier<Memory> source) throws InterruptedException {
        Deque<Memory> recent = new ArrayDeque<>();
        long deadline = System.currentTimeMillis() + SETTLE_TIMEOUT_MILLIS;
        while (true) {
            recent.addLast(source.get());
            if (recent.size() > STEADY_SAMPLES) {
                recent.removeFirst();
            }
            if (recent.size() == STEADY_SAMPLES && spread(recent) <= STEADY_MIB || System.currentTimeMillis() > deadline) {
                return recent.getLast();
            }
            Thread.sleep(SETTLE_INTERVAL_MILLIS);
        }
    }

    private static long spread(Deque<Memory> samples) {
        long min = samples.stream().mapToLong(Memory::rssMiB).min().orElseThrow();
        return samples.stream().mapToLong(Memory::rssMiB).max().orElseThrow() - min;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
