package io.rocketcamel.component.rocketmq.consumer;

import java.util.List;

import io.rocketcamel.component.rocketmq.consumer.offsets.DirectoryOffsetStore;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyContext;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.impl.consumer.ProcessQueue;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BROADCASTING: the RocketMQ client drops a broadcast message whose exchange failed ("the message consume failed,
 * drop it") and moves its offset on, so this consumer retries the exchange itself: up to maxReconsumeTimes, waiting
 * suspendTime before the first retry and twice as long before each next one (at most 30 s), or the time the route asked
 * for with retryLater. Only the consume thread of the failed messages waits; other messages, of this queue and of
 * others, go on. From their first attempt until they succeed or are given up, the offset stored for their queue stays
 * at them, so a stop or a crash brings them back on the next start. After the last attempt they go to deadLetterUri
 * (retried until it takes them), or are dropped with a WARN naming each id.
 */
final class BroadcastListener implements MessageListenerConcurrently {

    private static final Logger LOG = LoggerFactory.getLogger(BroadcastListener.class);
    private static final long MAX_PAUSE_MILLIS = 30_000;

    private final RouteRunner runner;
    private final DeadLetterChannel deadLetters;
    private final DirectoryOffsetStore offsets;
    private final int maxReconsumeTimes;
    private final long suspendMillis;
    private final String group;
    private final DefaultMQPushConsumer client;
    private final Object pauses = new Object();
    private volatile boolean stopping;

    BroadcastListener(RouteRunner runner, DeadLetterChannel deadLetters, DirectoryOffsetStore offsets,
                      int maxReconsumeTimes, long suspendMillis, String group, DefaultMQPushConsumer client) {
        this.runner = runner;
        this.client = client;
        this.deadLetters = deadLetters;
        this.offsets = offsets;
        this.maxReconsumeTimes = maxReconsumeTimes;
        this.suspendMillis = suspendMillis;
        this.group = group;
    }

    @Override
    public ConsumeConcurrentlyStatus consumeMessage(List<MessageExt> messages, ConsumeConcurrentlyContext context) {
        ConsumeConcurrentlyStatus status = decide(messages, context);
        // the dead-letter route may have left it interrupted, as a route may (see RouteRunner#run)
        Thread.interrupted();
        return status;
    }

    private ConsumeConcurrentlyStatus decide(List<MessageExt> messages, ConsumeConcurrentlyContext context) {
        // held from the first attempt on: past consumeTimeout the client takes messages out of their process queue (its
        // "send back" goes to a retry topic no broadcasting consumer reads) and their queue's offset moves past them
        MessageQueue queue = context.getMessageQueue();
        long firstOffset = messages.stream().mapToLong(MessageExt::getQueueOffset).min().orElseThrow();
        offsets.hold(queue, firstOffset);
        ProcessQueue processQueue = client.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable()
                .get(queue);
        ExchangeOutcome outcome = runner.run(messages);
        for (int attempt = 1; failed(outcome) && attempt <= maxReconsumeTimes; attempt++) {
            if (!pause(outcome.retryDelay() != null ? outcome.retryDelay().toMillis() : backoff(attempt))) {
                // stopping: the hold keeps the stored offset at these messages, so they come back on the next start
                return ConsumeConcurrentlyStatus.RECONSUME_LATER;
            }
            if (lostQueue(processQueue, queue, firstOffset)) {
                return ConsumeConcurrentlyStatus.RECONSUME_LATER;
            }
            for (MessageExt message : messages) {
                message.setReconsumeTimes(attempt);
            }
            outcome = runner.run(messages);
        }
        if (outcome.handedBack()) {
            // stopping before the route decided, which did not fail them: neither given up nor retried here, the hold
            // keeps the stored offset at them, so they come back on the next start
            return ConsumeConcurrentlyStatus.RECONSUME_LATER;
        }
        if (!outcome.succeeded() && (lostQueue(processQueue, queue, firstOffset) || !giveUp(messages, outcome))) {
            return ConsumeConcurrentlyStatus.RECONSUME_LATER;
        }
        offsets.release(queue, firstOffset);
        return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    }

    /**
     * Whether the messages' queue left this node's assignment meanwhile (a broker restarting, readable queues shrunk
     * for a while): its offset file keeps the offset held, where the queue starts again when it comes back, with
     * attempts of its own (a new process queue). Retried on here beside them, the messages ran on two threads and
     * were given up twice. The hold is released: the client moves no offset of a queue it dropped.
     */
    private boolean lostQueue(ProcessQueue processQueue, MessageQueue queue, long firstOffset) {
        if (processQueue == null || !processQueue.isDropped()) {
            return false;
        }
        LOG.info("Broadcast message(s) of {} are not retried here: the queue left this node's assignment, and starts"
                 + " again at them when it comes back", queue);
        offsets.release(queue, firstOffset);
        return true;
    }

    private static boolean failed(ExchangeOutcome outcome) {
        return !outcome.succeeded() && !outcome.handedBack();
    }

    /** @return {@code false} when the consumer stops before the messages were given up */
    private boolean giveUp(List<MessageExt> messages, ExchangeOutcome outcome) {
        if (deadLetters == null) {
            for (MessageExt message : messages) {
                LOG.warn("Broadcast message {} of topic {} (group {}, queue {}, offset {}) failed {} time(s) and is"
                         + " dropped: set deadLetterUri to keep such messages. Last failure: {}", message.getMsgId(),
                        message.getTopic(), group, message.getQueueId(), message.getQueueOffset(),
                        maxReconsumeTimes + 1, String.valueOf(outcome.failure()));
            }
            return true;
        }
        // each round offers only what the endpoint has not taken yet: parked again, a message was given up twice
        int delivered = 0;
        for (int attempt = 1; (delivered += deadLetters.deliver(messages.subList(delivered, messages.size()),
                outcome.failure())) < messages.size(); attempt++) {
            // the dead-letter endpoint's route runs on this thread too
            Thread.interrupted();
            if (!pause(backoff(attempt))) {
                return false;
            }
        }
        return true;
    }

    private long backoff(int attempt) {
        return Math.min(MAX_PAUSE_MILLIS, suspendMillis << Math.min(attempt - 1, 20));
    }

    /** @return {@code false} when the consumer is stopping */
    private boolean pause(long millis) {
        // saturated: maxDelay may be set as high as a long goes
        long deadline = System.currentTimeMillis() + Math.min(millis, Long.MAX_VALUE / 2);
        synchronized (pauses) {
            for (long left = millis; !stopping && left > 0; left = deadline - System.currentTimeMillis()) {
                try {
                    pauses.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return !stopping;
    }

    /** Ends the waits of messages being retried, before the client stops and persists the offsets. */
    void stop() {
        stopping = true;
        synchronized (pauses) {
            pauses.notifyAll();
        }
    }
}
