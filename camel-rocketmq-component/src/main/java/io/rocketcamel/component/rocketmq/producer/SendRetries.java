package io.rocketcamel.component.rocketmq.producer;

import java.util.concurrent.TimeUnit;

import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.remoting.exception.RemotingException;

/**
 * retryTimesWhenSendFailed where the client does not apply it to a synchronous send: it sends a message with a queue
 * selector once. That is retried here on what the client's own synchronous send retries, within the send timeout since
 * the first try. Asynchronous sends: {@link AsyncAttempts}.
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

    /** Whether the client's synchronous send would try this failure again. */
    boolean retriedBySyncSend(Exception failure) {
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
