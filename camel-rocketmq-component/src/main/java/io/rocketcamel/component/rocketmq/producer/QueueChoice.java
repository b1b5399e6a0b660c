package io.rocketcamel.component.rocketmq.producer;

import java.util.concurrent.ScheduledExecutorService;

import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.RequestCallback;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Where a message goes, decided in one place for every send path: with an order key or a message group, the key's
 * queue (a stable hash over the topic's queues, so one key keeps its order); without one, the queue the client picks
 * (round robin, retrying on another broker, with sendLatencyFaultEnable avoiding brokers that failed or answered
 * slowly lately). A failed send is retried retryTimesWhenSendFailed times also where the client would not
 * ({@link SendRetries}), an asynchronous one with each attempt bounded as a synchronous one's
 * ({@link AsyncAttempts}). A message refused as illegal fails as an {@link UnsendableMessageException}, whichever
 * path sent it.
 */
public final class QueueChoice {

    private final DefaultMQProducer client;
    private final SendRetries retries;
    private final AsyncAttempts asyncAttempts;

    /** A producer's that sends synchronously only. */
    public QueueChoice(DefaultMQProducer client) {
        this(client, null);
    }

    /**
     * @param timer the producer's timer, which gives up asynchronous attempts past sendAttemptTimeout
     *              ({@link AsyncAttempts}); null when it sends nothing asynchronously
     */
    public QueueChoice(DefaultMQProducer client, ScheduledExecutorService timer) {
        this.client = client;
        this.retries = new SendRetries(client);
        this.asyncAttempts = new AsyncAttempts(client, retries, timer);
    }

    public DefaultMQProducer client() {
        return client;
    }

    public SendResult send(Message message, QueueKey key) throws Exception {
        try {
            return key == null ? client.send(message) : retries.sendKeyed(message, key);
        } catch (Exception e) {
            throw IllegalMessageRefusals.translate(message, e);
        }
    }

    public void send(Message message, QueueKey key, SendCallback callback) throws Exception {
        SendCallback translating = IllegalMessageRefusals.translating(message, callback);
        try {
            if (key == null) {
                asyncAttempts.send(message, translating);
            } else {
                client.send(message, key.selector(), key.value(), translating);
            }
        } catch (Exception e) {
            throw IllegalMessageRefusals.translate(message, e);
        }
    }

    public void sendOneway(Message message, QueueKey key) throws Exception {
        try {
            if (key == null) {
                client.sendOneway(message);
            } else {
                client.sendOneway(message, key.selector(), key.value());
            }
        } catch (Exception e) {
            throw IllegalMessageRefusals.translate(message, e);
        }
    }

    public void request(Message message, QueueKey key, RequestCallback callback, long timeoutMillis) throws Exception {
        RequestCallback translating = IllegalMessageRefusals.translating(message, callback);
        try {
            if (key == null) {
                client.request(message, translating, timeoutMillis);
            } else {
                client.request(message, key.selector(), key.value(), translating, timeoutMillis);
            }
        } catch (Exception e) {
            throw IllegalMessageRefusals.translate(message, e);
        }
    }

    /**
     * The key's queue as a send with the key would choose it now: from the client's current route of the topic
     * (looked up, and the topic auto-created as a plain send would, when the client has none yet).
     */
    public MessageQueue queueOf(Message message, QueueKey key, long timeoutMillis) throws MQClientException {
        // the client's own send applies the namespace before it looks the route up; the send later keeps it as it is
        message.setTopic(client.withNamespace(message.getTopic()));
        try {
            return client.getDefaultMQProducerImpl().invokeMessageQueueSelector(message, key.selector(), key.value(),
                    timeoutMillis);
        } catch (org.apache.rocketmq.remoting.exception.RemotingTooMuchRequestException e) {
            throw new MQClientException("Choosing the queue of " + key + " took longer than "
                                        + timeoutMillis + " ms", e);
        }
    }

    /** Sends to a queue chosen before (by {@link #queueOf}), or to the client's choice when {@code queue} is null. */
    public void send(Message message, MessageQueue queue, SendCallback callback) throws Exception {
        SendCallback translating = IllegalMessageRefusals.translating(message, callback);
        try {
            if (queue == null) {
                asyncAttempts.send(message, translating);
            } else {
                client.send(message, queue, translating);
            }
        } catch (Exception e) {
            throw IllegalMessageRefusals.translate(message, e);
        }
    }
}
