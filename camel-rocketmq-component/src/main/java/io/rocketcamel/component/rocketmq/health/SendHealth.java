package io.rocketcamel.component.rocketmq.health;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.InvalidPayloadException;

/**
 * The outcome of a producer's recent sends, recorded as each exchange completes: the producer's health is down while
 * its sends keep failing for reasons of the cluster (not for a bad exchange, such as a body that is too large).
 */
public final class SendHealth {

    private final AtomicInteger failuresInARow = new AtomicInteger();
    private volatile Throwable lastFailure;

    public void record(Throwable failure) {
        if (failure == null) {
            // read first: a write on every success would bounce this counter between the cores of concurrent callers
            if (failuresInARow.get() != 0) {
                failuresInARow.set(0);
            }
        } else if (!(failure instanceof IllegalArgumentException || failure instanceof InvalidPayloadException)) {
            lastFailure = failure;
            failuresInARow.incrementAndGet();
        }
    }

    int failuresInARow() {
        return failuresInARow.get();
    }

    Throwable lastFailure() {
        return lastFailure;
    }
}
