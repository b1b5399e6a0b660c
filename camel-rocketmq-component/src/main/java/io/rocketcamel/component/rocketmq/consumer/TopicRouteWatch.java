package io.rocketcamel.component.rocketmq.consumer;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.rocketcamel.component.rocketmq.internal.AllocationWatch;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.impl.consumer.DefaultMQPushConsumerImpl;
import org.apache.rocketmq.common.message.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a running consumer take its share of a topic created after it started, or of queues added to its topic, at
 * once. RocketMQ's client learns the topic's queues from the name server every pollNameServerInterval, but rebalances
 * only every 20 s, or when the group's members change: such queues were consumed up to 20 s late. This watch reads the
 * queues the client knows at that interval and asks for a rebalance when they changed; a POP consumer first switches
 * brokers the topic gained to POP ({@link PopGroupMode#switchOnJoined}).
 *
 * <p>A clustering consumer also gets an {@link AllocationWatch}: a round owed since the group's members changed, or
 * the queues did, is asked for every second until one allocated.
 */
final class TopicRouteWatch {

    private static final Logger LOG = LoggerFactory.getLogger(TopicRouteWatch.class);

    private final DefaultMQPushConsumerImpl client;
    private final String topic;
    private final Consumer<Set<String>> brokersJoined;
    private volatile Set<MessageQueue> seen;
    private final ScheduledFuture<?> routeTask;
    /** Null without an allocation to watch. */
    private final AllocationWatch allocationWatch;

    private TopicRouteWatch(DefaultMQPushConsumer consumer, String topic, ScheduledExecutorService scheduler,
                            long intervalMillis, Consumer<Set<String>> brokersJoined) {
        this.client = consumer.getDefaultMQPushConsumerImpl();
        this.topic = topic;
        this.brokersJoined = brokersJoined;
        this.seen = known(topic);
        this.routeTask = scheduler.scheduleWithFixedDelay(this::checkRoute, intervalMillis, intervalMillis,
                TimeUnit.MILLISECONDS);
        this.allocationWatch = AllocationWatch.start(consumer, scheduler);
    }

    /**
     * Watches the queues of the topic (its name as the client knows it, with the namespace) of a started consumer.
     *
     * @param brokersJoined told the names of brokers the topic's queues now include, before the rebalance that gives
     *                      the consumer its share of them
     */
    static TopicRouteWatch start(DefaultMQPushConsumer consumer, String topic, ScheduledExecutorService scheduler,
                                 long intervalMillis, Consumer<Set<String>> brokersJoined) {
        return new TopicRouteWatch(consumer, topic, scheduler, intervalMillis, brokersJoined);
    }

    void stop() {
        routeTask.cancel(false);
        if (allocationWatch != null) {
            allocationWatch.stop();
        }
    }

    private void checkRoute() {
        try {
            Set<MessageQueue> now = known(topic);
            if (!Objects.equals(now, seen)) {
                Set<String> joined = brokersOf(now);
                joined.removeAll(brokersOf(seen));
                seen = now;
                if (!joined.isEmpty()) {
                    brokersJoined.accept(joined);
                }
                client.getmQClientFactory().rebalanceImmediately();
            }
        } catch (RuntimeException e) {
            // a failed run would end the schedule; the client's periodic rebalance still comes
            LOG.debug("Watching the queues of {} failed", topic, e);
        }
    }

    private static Set<String> brokersOf(Set<MessageQueue> queues) {
        Set<String> brokers = new HashSet<>();
        if (queues != null) {
            queues.forEach(queue -> brokers.add(queue.getBrokerName()));
        }
        return brokers;
    }

    private Set<MessageQueue> known(String topic) {
        Set<MessageQueue> queues = client.getRebalanceImpl().getTopicSubscribeInfoTable().get(topic);
        return queues == null ? null : Set.copyOf(queues);
    }
}
