package io.rocketcamel.component.rocketmq.consumer;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.impl.consumer.ProcessQueue;
import org.apache.rocketmq.client.impl.consumer.RebalanceImpl;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.message.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ORDERLY: keeps the broker's lock of a queue while a run of it goes on after the group's rebalance took the queue
 * from this consumer. The client renews the locks of the queues it still holds only, so once the lock lapsed (5 s on
 * the embedded broker, 60 s by RocketMQ's default) the queue's next owner locked it and ran the message in progress
 * and those behind it beside the run, finishing them first. Renewed at twice the client's rate until the run ends,
 * then unlocked: the next owner takes the queue at its next renewal and starts at the offset stored, which this
 * consumer does not move for a queue it lost, so it runs the run's message again; when the queue came back to this
 * consumer meanwhile, it does so itself.
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
            clientInstance().getScheduledExecutorService()
                    .scheduleWithFixedDelay(this::renewLost, interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    void ended(MessageQueue queue) {
        running.remove(queue);
        ProcessQueue current = rebalance().getProcessQueueTable().get(queue);
        if (current != null && !current.isDropped()) {
            return;
        }
        rebalance().unlock(queue, true);
        if (current != null) {
            // The client could not remove the dropped process queue during the run and creates none while it is
            // there: a queue the group's rebalance gave back meanwhile was not pulled until its idle clean-up (120 s).
            // Off the consume thread, which holds the queue's consume lock until the client has taken the result.
            clientInstance().getScheduledExecutorService().execute(() -> {
                if (rebalance().getProcessQueueTable().get(queue) == current) {
                    rebalance().removeProcessQueue(queue);
                    clientInstance().rebalanceImmediately();
                }
            });
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

    private MQClientInstance clientInstance() {
        return client.getDefaultMQPushConsumerImpl().getmQClientFactory();
    }

    private RebalanceImpl rebalance() {
        return client.getDefaultMQPushConsumerImpl().getRebalanceImpl();
    }
}
