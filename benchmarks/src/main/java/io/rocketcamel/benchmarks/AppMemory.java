package io.rocketcamel.benchmarks;

/**
 * The examples app's memory: the peak from its start to the end of its demo and once idle after it, with the demo's
 * summary line; or, in {@code notMeasured}, why there are no numbers.
 */
record AppMemory(Memory peak, Memory idle, String demoSummary, String notMeasured) {

    static AppMemory measured(Memory peak, Memory idle, String demoSummary) {
        return new AppMemory(peak, idle, demoSummary, null);
    }

    static AppMemory notMeasured(String why) {
        return new AppMemory(null, null, null, why);
    }

    boolean measured() {
        return notMeasured == null;
    }

    /** Every pattern of the demo passed, so the app did all of its work within its heap. */
    boolean demoPassed() {
        return demoSummary != null && demoSummary.endsWith(" 0 failed");
    }
}
