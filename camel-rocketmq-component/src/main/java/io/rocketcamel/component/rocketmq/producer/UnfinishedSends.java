package io.rocketcamel.component.rocketmq.producer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The exchanges a send path has taken and not completed yet, so that stopping the producer can wait for the broker's
 * answers (at most the send timeout) before the client is shut down under them. Once stopping, it takes no more.
 * Counted without a lock: every exchange passes here twice, from the caller's thread and the client's callback.
 */
public final class UnfinishedSends {

    private final AtomicLong unfinished = new AtomicLong();
    private volatile boolean stopping;

    /** @throws IllegalStateException once the producer is stopping */
    public void take(String topic) {
        unfinished.incrementAndGet();
        // after counting: a stop either sees this exchange counted, or this sees the stop
        if (stopping) {
            completed();
            throw new IllegalStateException("The RocketMQ producer is stopping: the message to topic " + topic
                                            + " was not sent");
        }
    }

    public void completed() {
        if (unfinished.decrementAndGet() == 0 && stopping) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Takes no more exchanges and waits until those taken completed, or {@code timeoutMillis} passed. */
    public void stop(long timeoutMillis) throws InterruptedException {
        stopping = true;
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (this) {
            for (long left = timeoutMillis; unfinished.get() > 0 && left > 0; left = deadline - System.currentTimeMillis()) {
                wait(left);
            }
        }
    }

    public boolean isStopping() {
        return stopping;
    }
}
