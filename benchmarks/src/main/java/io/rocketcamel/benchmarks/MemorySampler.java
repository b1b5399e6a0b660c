package io.rocketcamel.benchmarks;

/** Samples {@link Memory} four times a second and keeps the peak, for the "under load" figures. */
final class MemorySampler implements AutoCloseable {

    private final Thread thread;
    private volatile Memory peak;

    MemorySampler() {
        peak = Memory.now();
        thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak = peak.max(Memory.now());
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memory-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    Memory peak() {
        return peak;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
