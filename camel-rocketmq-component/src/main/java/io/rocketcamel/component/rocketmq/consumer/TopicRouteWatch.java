package io.rocketcamel.component.rocketmq.consumer;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.rocketcamel.component.rocketmq.internal.DistinctConsumersAllocation;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.impl.consumer.DefaultMQPushConsumerImpl;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a running consumer take its share of a topic created after it started, or of queues added to its topic, at
 * once. RocketMQ's client learns the topic's queues from the name server every pollNameServerInterval, but rebalances
 * only every 20 s, or when the group's members change: such queues were consumed up to 20 s late. This watch reads the
 * queues the client knows at that interval and asks for a rebalance when they changed; a POP consumer first switches
 * brokers the topic gained to POP ({@link PopGroupMode#switchOnJoined}).
 *
 * <p>A clustering consumer's rebalance reads the group's members from one broker of the topic, picked at random; when
 * that broker does not answer (hung, or down and still in the route), the round ends without allocating, and the
 * client, taking the topic for balanced, tries again 20 s later: queues added meanwhile, or those of a member that
 * came or went, waited that long, or longer, each round a new draw ({@code HungBrokerConsumeIT},
 * {@code HungBrokerMemberLeftIT}). So the watch asks again, every second, until an allocation was over the queues the
 * client knows, since the group's members last changed ({@link DistinctConsumersAllocation#owesAllocation}), for
 * each topic the client subscribes: the route's, and the group's retry topic, whose draw is a round's other one.
 */
final class TopicRouteWatch {

    private static final Logger LOG = LoggerFactory.getLogger(TopicRouteWatch.class);
    /**
     * The client's own least time between rounds (rocketmq.client.rebalance.minInterval): a failed round is followed
     * by the next within about that, as the client does for a round it knows to be unbalanced.
     */
    private static final long ALLOCATION_CHECK_MILLIS = 1000;

    private final DefaultMQPushConsumerImpl client;
    private final String topic;
    private final Consumer<Set<String>> brokersJoined;
    /** Null where the brokers allocate (POP) or every consumer reads every queue (BROADCASTING). */
    private final DistinctConsumersAllocation allocation;
    private volatile Set<MessageQueue> seen;
    private final ScheduledFuture<?> routeTask;
    /** Null without an allocation to check. */
    private final ScheduledFuture<?> allocationTask;

    private TopicRouteWatch(DefaultMQPushConsumer consumer, String topic, ScheduledExecutorService scheduler,
                            long intervalMillis, Consumer<Set<String>> brokersJoined) {
        this.client = consumer.getDefaultMQPushConsumerImpl();
        this.topic = topic;
        this.brokersJoined = brokersJoined;
        this.allocation = consumer.isClientRebalance() && consumer.getMessageModel() == MessageModel.CLUSTERING
                ? DistinctConsumersAllocation.of(consumer) : null;
        this.seen = known(topic);
        this.routeTask = scheduler.scheduleWithFixedDelay(this::checkRoute, intervalMillis, intervalMillis,
                TimeUnit.MILLISECONDS);
        this.allocationTask = allocation == null ? null : scheduler.scheduleWithFixedDelay(this::checkAllocation,
                ALLOCATION_CHECK_MILLIS, ALLOCATION_CHECK_MILLIS, TimeUnit.MILLISECONDS);
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
        if (allocationTask != null) {
            allocationTask.cancel(false);
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

    private void checkAllocation() {
        try {
            for (String subscribed : client.getRebalanceImpl().getSubscriptionInner().keySet()) {
                Set<MessageQueue> now = known(subscribed);
                if (now != null && !now.isEmpty() && allocation.owesAllocation(subscribed, now)) {
                    client.getmQClientFactory().rebalanceImmediately();
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("Checking the allocation of {} failed", topic, e);
        }
    }

    private static Set<String> brokersOf(Set<MessageQueue> queues) {
        Set<String> brokers = new HashSet<>();
        if (queues != null) {
            queues.forEach(queue -> brokers.add(queue.getBrokerName()));
        }
        return brokers;
    }

    private Set<MessageQueue> known(String subscribed) {
        Set<MessageQueue> queues = client.getRebalanceImpl().getTopicSubscribeInfoTable().get(subscribed);
        return queues == null ? null : Set.copyOf(queues);
    }
}
