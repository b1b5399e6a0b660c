package io.rocketcamel.component.rocketmq.saga;

/**
 * How a failing callback is retried: attempt n+1 follows attempt n after {@code firstDelay} doubled n-1 times, at most
 * {@code maxDelay}; after attempt {@code maxAttempts} the callback is dead-lettered.
 */
record RetryPolicy(int maxAttempts, long firstDelayMillis, long maxDelayMillis) {

    boolean isLast(int attempt) {
        return attempt >= maxAttempts;
    }

    long delayAfter(int attempt) {
        long delay = firstDelayMillis;
        for (int i = 1; i < attempt && delay < maxDelayMillis; i++) {
            delay *= 2;
        }
        return Math.min(delay, maxDelayMillis);
    }
}
