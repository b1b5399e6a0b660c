package io.rocketcamel.component.rocketmq.producer;

import java.util.concurrent.TimeUnit;

import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.remoting.exception.RemotingException;

/**
 * retryTimesWhenSendFailed where the client does not apply it: it sends a message with a queue selector once, and it
 * does not retry an asynchronous send the broker answered with an error (only lost connections and timeouts). Those
 * are retried here on what the client's own synchronous send retries, within the send timeout since the first try.
 */
final class SendRetries {

    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long MAX_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final DefaultMQProducer client;

    SendRetries(DefaultMQProducer client) {
        this.client = client;
    }

    /**
     * A synchronous send to the key's queue, retried there after a growing pause (a busy or stopping broker answers
     * again within milliseconds): the caller waits, so nothing of its key overtakes it.
     */
    SendResult sendKeyed(Message message, QueueKey key) throws Exception {
        long deadline = deadline();
        for (int retry = 0;; retry++) {
            try {
                return client.send(message, key.selector(), key.value(), millisLeft(deadline));
            } catch (MQClientException | RemotingException | MQBrokerException e) {
                long left = deadline - System.nanoTime();
                if (retry >= client.getRetryTimesWhenSendFailed() || left <= 0 || !retriedBySyncSend(e)) {
                    throw e;
                }
                TimeUnit.NANOSECONDS.sleep(Math.min(left, Math.min(MAX_PAUSE_NANOS, FIRST_PAUSE_NANOS << retry)));
            }
        }
    }

    /** An asynchronous send without a key: a broker's error answer is retried as a synchronous send's would be. */
    SendCallback retryingBrokerErrors(Message message, SendCallback callback) {
        long deadline = deadline();
        return new SendCallback() {
            private int retries;

            @Override
            public void onSuccess(SendResult result) {
                callback.onSuccess(result);
            }

            @Override
            public void onException(Throwable failure) {
                if (failure instanceof MQBrokerException broker && retriedBySyncSend(broker)
                    && retries < client.getRetryTimesWhenSendFailed() && deadline - System.nanoTime() > 0) {
                    retries++;
                    try {
                        client.send(message, this, millisLeft(deadline));
                        return;
                    } catch (Exception e) {
                        failure = e;
                    }
                }
                callback.onException(failure);
            }
        };
    }

    private boolean retriedBySyncSend(Exception failure) {
        if (IllegalMessageRefusals.refusedAsIllegal(failure)) {
            return false;
        }
        return !(failure instanceof MQBrokerException broker)
               || client.getRetryResponseCodes().contains(broker.getResponseCode());
    }

    private long deadline() {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(client.getSendMsgTimeout());
    }

    private static long millisLeft(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
}
