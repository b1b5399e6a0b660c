package io.rocketcamel.component.rocketmq.health;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import io.rocketcamel.component.rocketmq.producer.SendStatusException;
import io.rocketcamel.component.rocketmq.producer.UnsendableMessageException;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.remoting.exception.RemotingException;

/**
 * The outcome of a producer's recent sends, recorded as each exchange completes: the producer's health is down while
 * its sends keep failing for reasons of the cluster. An exchange that fails for the application's reasons (a bad
 * body, a request nobody answered, a local transaction that rolled back) says nothing about the cluster: counting it
 * would take a healthy producer out of readiness, and with sends gated by readiness keep it out.
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
        } else if (ofTheCluster(failure)) {
            lastFailure = failure;
            failuresInARow.incrementAndGet();
        }
    }

    /**
     * The client's errors (no route, refused, timed out, the broker's error codes), a send the broker did not store
     * as asked, or a send buffer that stayed full: each names the cluster, wherever the component wrapped it. A message
     * refused as illegal names the message, though the broker's refusal is its cause.
     */
    static boolean ofTheCluster(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof UnsendableMessageException) {
                return false;
            }
            if (cause instanceof MQClientException || cause instanceof MQBrokerException || cause instanceof RemotingException
                || cause instanceof SendStatusException || cause instanceof RejectedExecutionException) {
                return true;
            }
        }
        return false;
    }

    int failuresInARow() {
        return failuresInARow.get();
    }

    Throwable lastFailure() {
        return lastFailure;
    }
}
