package io.rocketcamel.component.rocketmq.producer.lanes;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the bytes of messages waiting in a producer's lanes. Callers that do not wait for their exchange (a timer, a
 * seda queue, asyncSend) would otherwise pile up exchanges while the broker is slow or away, until the heap is gone.
 */
final class SendBuffer {

    private final long capacity;
    private final long timeoutMillis;
    private long used;

    SendBuffer(long capacity, long timeoutMillis) {
        this.capacity = capacity;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Waits up to the send timeout for room. A message larger than the whole buffer is let in when the buffer is
     * empty; it could never be sent otherwise.
     */
    synchronized void reserve(long bytes, String topic) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (used > 0 && used + bytes > capacity) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new RejectedExecutionException("The message to topic " + topic + " was not sent: " + used
                                                     + " bytes of messages already wait for their send, the limit is"
                                                     + " sendBufferBytes=" + capacity + ", and no room came free within"
                                                     + " sendTimeout=" + timeoutMillis + " ms (is the broker slow or"
                                                     + " unreachable?)");
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        used += bytes;
    }

    synchronized void release(long bytes) {
        used -= bytes;
        notifyAll();
    }
}
