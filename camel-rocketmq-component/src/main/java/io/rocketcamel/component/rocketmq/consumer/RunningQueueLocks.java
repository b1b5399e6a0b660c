package io.rocketcamel.component.rocketmq.consumer;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.impl.consumer.ProcessQueue;
import org.apache.rocketmq.client.impl.consumer.RebalanceImpl;
import org.apache.rocketmq.common.message.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ORDERLY: keeps the broker's lock of a queue while a run of it goes on after the group's rebalance took the queue
 * from this consumer. The client renews the locks of the queues it still holds only, so once the lock lapsed (5 s on
 * the embedded broker, 60 s by RocketMQ's default) the queue's next owner locked it and ran the message in progress
 * and those behind it beside the run, finishing them first. Renewed at twice the client's rate until the run ends,
 * then unlocked: the next owner takes the queue at its next renewal and starts at the offset stored, which this
 * consumer does not move for a queue it lost, so it runs the run's message again.
 */
final class RunningQueueLocks {

    private static final Logger LOG = LoggerFactory.getLogger(RunningQueueLocks.class);

    private final DefaultMQPushConsumer client;
    private final Set<MessageQueue> running = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean renewing = new AtomicBoolean();

    RunningQueueLocks(DefaultMQPushConsumer client) {
        this.client = client;
    }

    void started(MessageQueue queue) {
        running.add(queue);
        if (renewing.compareAndSet(false, true)) {
            long interval = Math.max(1, ProcessQueue.REBALANCE_LOCK_INTERVAL / 2);
            // the client's scheduler: stopped with the client, and idle unless a run outlives its queue
            client.getDefaultMQPushConsumerImpl().getmQClientFactory().getScheduledExecutorService()
                    .scheduleWithFixedDelay(this::renewLost, interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    void ended(MessageQueue queue) {
        running.remove(queue);
        if (lost(queue)) {
            rebalance().unlock(queue, true);
        }
    }

    private void renewLost() {
        for (MessageQueue queue : running) {
            if (lost(queue) && !rebalance().lock(queue)) {
                LOG.warn("Could not keep the lock of {} while a run of it goes on: its next owner may run its messages"
                         + " beside it", queue);
            }
        }
    }

    private boolean lost(MessageQueue queue) {
        ProcessQueue current = rebalance().getProcessQueueTable().get(queue);
        return current == null || current.isDropped();
    }

    private RebalanceImpl rebalance() {
        return client.getDefaultMQPushConsumerImpl().getRebalanceImpl();
    }
}
