package io.rocketcamel.component.rocketmq.batch;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import io.rocketcamel.component.rocketmq.OrderKeyQueueSelector;
import io.rocketcamel.component.rocketmq.OutgoingMessages;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Coalesces the single-message exchanges of one producer into RocketMQ batches, per topic and, with an order key,
 * per queue. Exchanges complete asynchronously when their batch is acknowledged, or fail with the batch.
 */
public final class BatchingSender {

    /**
     * Batches of one unordered lane on their way at once: enough to keep the broker busy while the next batch fills,
     * few enough that batches still fill under load.
     */
    private static final int UNORDERED_SLOTS = 4;

    private final DefaultMQProducer client;
    private final ScheduledExecutorService scheduler;
    private final int batchSize;
    private final long lingerNanos;
    private final int maxMessageSize;
    private final Map<LaneKey, Lane> lanes = new ConcurrentHashMap<>();
    private final Map<String, List<MessageQueue>> queues = new ConcurrentHashMap<>();
    private final Object unfinishedLock = new Object();
    private long unfinished;
    private volatile boolean flushing;
    private volatile boolean stopped;

    private record LaneKey(String topic, MessageQueue queue) {
    }

    public BatchingSender(DefaultMQProducer client, ScheduledExecutorService scheduler, int batchSize, long lingerMs,
                          int maxMessageSize) {
        this.client = client;
        this.scheduler = scheduler;
        this.batchSize = batchSize;
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(lingerMs);
        this.maxMessageSize = maxMessageSize;
    }

    /**
     * Whether the exchange's messages can join a batch: one message without delay (batches cannot be delayed).
     */
    public static boolean accepts(OutgoingMessages outgoing) {
        Message message = outgoing.units().get(0);
        return !outgoing.fromList() && message.getDelayTimeLevel() == 0 && message.getDeliverTimeMs() == 0;
    }

    public void add(Exchange exchange, OutgoingMessages outgoing, String topic, AsyncCallback callback) throws MQClientException {
        Message message = outgoing.units().get(0);
        long size = BatchSplitter.encodedSize(message);
        if (size > maxMessageSize) {
            throw new IllegalArgumentException("The message is " + size + " bytes encoded, more than maxMessageSize="
                                               + maxMessageSize + " bytes");
        }
        MessageQueue queue = outgoing.orderKey() == null ? null : queueOf(topic, outgoing.orderKey());
        synchronized (unfinishedLock) {
            if (stopped) {
                throw new IllegalStateException("The RocketMQ producer is stopping: the message to topic " + topic
                                                + " was not sent");
            }
            unfinished++;
        }
        lanes.computeIfAbsent(new LaneKey(topic, queue), k -> new Lane(this, topic, queue, queue == null ? UNORDERED_SLOTS : 1))
                .add(new Pending(exchange, callback, message, size, System.nanoTime()));
    }

    /**
     * Sends what is waiting at once, waits up to {@code timeoutMillis} for the acknowledgements, and fails the
     * exchanges still unacknowledged then.
     */
    public void stop(long timeoutMillis) throws InterruptedException {
        flushing = true;
        lanes.values().forEach(Lane::dispatch);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (unfinishedLock) {
            stopped = true;
            for (long left = timeoutMillis; unfinished > 0 && left > 0; left = deadline - System.currentTimeMillis()) {
                unfinishedLock.wait(left);
            }
        }
        flushing = false;
        lanes.values().forEach(Lane::failAll);
    }

    void completed(Pending pending) {
        synchronized (unfinishedLock) {
            if (--unfinished == 0) {
                unfinishedLock.notifyAll();
            }
        }
        pending.callback().done(false);
    }

    void send(Message batch, MessageQueue queue, SendCallback callback) throws Exception {
        if (queue == null) {
            client.send(batch, callback);
        } else {
            client.send(batch, queue, callback);
        }
    }

    ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        return scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    }

    UnaryOperator<String> namespacer() {
        return client::withNamespace;
    }

    boolean isSending() {
        return !stopped || flushing;
    }

    boolean isFlushing() {
        return flushing;
    }

    int batchSize() {
        return batchSize;
    }

    long lingerNanos() {
        return lingerNanos;
    }

    int maxMessageSize() {
        return maxMessageSize;
    }

    /**
     * The queue of an order key, from the same queue list (in the same order) that a selector gets, so a key lands in
     * the same queue batched or not. Read once per topic.
     */
    private MessageQueue queueOf(String topic, String orderKey) throws MQClientException {
        List<MessageQueue> topicQueues = queues.get(topic);
        if (topicQueues == null) {
            topicQueues = client.fetchPublishMessageQueues(topic);
            queues.put(topic, topicQueues);
        }
        return topicQueues.get(OrderKeyQueueSelector.queueIndex(orderKey, topicQueues.size()));
    }
}
