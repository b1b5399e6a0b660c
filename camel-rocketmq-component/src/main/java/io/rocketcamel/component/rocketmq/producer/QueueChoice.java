package io.rocketcamel.component.rocketmq.producer;

import io.rocketcamel.component.rocketmq.OrderKeyQueueSelector;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.RequestCallback;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Where a message goes, decided in one place for every send path: with an order key, the key's queue (a stable hash
 * over the topic's queues, so one key keeps its order); without one, the queue the client picks (round robin, avoiding
 * brokers that failed recently, retrying on another broker).
 */
public final class QueueChoice {

    private final DefaultMQProducer client;

    public QueueChoice(DefaultMQProducer client) {
        this.client = client;
    }

    public DefaultMQProducer client() {
        return client;
    }

    public SendResult send(Message message, String orderKey) throws Exception {
        return orderKey == null ? client.send(message) : client.send(message, OrderKeyQueueSelector.INSTANCE, orderKey);
    }

    public void send(Message message, String orderKey, SendCallback callback) throws Exception {
        if (orderKey == null) {
            client.send(message, callback);
        } else {
            client.send(message, OrderKeyQueueSelector.INSTANCE, orderKey, callback);
        }
    }

    public void sendOneway(Message message, String orderKey) throws Exception {
        if (orderKey == null) {
            client.sendOneway(message);
        } else {
            client.sendOneway(message, OrderKeyQueueSelector.INSTANCE, orderKey);
        }
    }

    public void request(Message message, String orderKey, RequestCallback callback, long timeoutMillis) throws Exception {
        if (orderKey == null) {
            client.request(message, callback, timeoutMillis);
        } else {
            client.request(message, OrderKeyQueueSelector.INSTANCE, orderKey, callback, timeoutMillis);
        }
    }

    /**
     * The key's queue as a send with the key would choose it now: from the client's current route of the topic
     * (looked up, and the topic auto-created as a plain send would, when the client has none yet).
     */
    public MessageQueue queueOf(Message message, String orderKey, long timeoutMillis) throws MQClientException {
        // the client's own send applies the namespace before it looks the route up; the send later keeps it as it is
        message.setTopic(client.withNamespace(message.getTopic()));
        try {
            return client.getDefaultMQProducerImpl().invokeMessageQueueSelector(message, OrderKeyQueueSelector.INSTANCE,
                    orderKey, timeoutMillis);
        } catch (org.apache.rocketmq.remoting.exception.RemotingTooMuchRequestException e) {
            throw new MQClientException("Choosing the queue of order key " + orderKey + " took longer than "
                                        + timeoutMillis + " ms", e);
        }
    }

    /** Sends to a queue chosen before (by {@link #queueOf}), or to the client's choice when {@code queue} is null. */
    public void send(Message message, MessageQueue queue, SendCallback callback) throws Exception {
        if (queue == null) {
            client.send(message, callback);
        } else {
            client.send(message, queue, callback);
        }
    }
}
