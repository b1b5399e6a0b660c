package io.rocketcamel.component.rocketmq.internal;

import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.impl.consumer.DefaultMQPushConsumerImpl;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a clustering consumer's client for a rebalance round, every second, while one is owed. A round reads the
 * group's members from one broker of each subscribed topic, picked at random; when that broker does not answer (hung,
 * or down and still in the route), the round ends without allocating the topic, and the client, taking it for
 * balanced, tries again 20 s later: queues added meanwhile, or those of a member that came or went, waited that long,
 * or longer, each round a new draw ({@code HungBrokerConsumeIT}, {@code HungBrokerMemberLeftIT},
 * {@code HungBrokerSagaIT}, {@code ReplyToTopicSharedGroupIT}). So the watch asks again until an allocation was over
 * the queues the client knows, since the group's members last changed
 * ({@link DistinctConsumersAllocation#owesAllocation}), for each topic the client subscribes: the consumer's own, and
 * the group's retry topic, whose draw is a round's other one.
 */
public final class AllocationWatch {

    private static final Logger LOG = LoggerFactory.getLogger(AllocationWatch.class);
    /**
     * The client's own least time between rounds (rocketmq.client.rebalance.minInterval): a failed round is followed
     * by the next within about that, as the client does for a round it knows to be unbalanced.
     */
    private static final long CHECK_MILLIS = 1000;

    private final DefaultMQPushConsumerImpl client;
    private final DistinctConsumersAllocation allocation;
    private final ScheduledFuture<?> task;

    private AllocationWatch(DefaultMQPushConsumer consumer, DistinctConsumersAllocation allocation,
                            ScheduledExecutorService scheduler) {
        this.client = consumer.getDefaultMQPushConsumerImpl();
        this.allocation = allocation;
        this.task = scheduler.scheduleWithFixedDelay(this::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Watches a started consumer whose allocation {@link DistinctConsumersAllocation} is, and a hook on its client
     * instance ({@link RocketMQClients#clientWithRebalanceHooks}).
     *
     * @return null where there is no allocation to watch: the brokers allocate (POP), or every consumer reads every
     *         queue (BROADCASTING)
     */
    public static AllocationWatch start(DefaultMQPushConsumer consumer, ScheduledExecutorService scheduler) {
        DistinctConsumersAllocation allocation = DistinctConsumersAllocation.of(consumer);
        if (!consumer.isClientRebalance() || consumer.getMessageModel() != MessageModel.CLUSTERING
            || allocation == null) {
            return null;
        }
        return new AllocationWatch(consumer, allocation, scheduler);
    }

    public void stop() {
        task.cancel(false);
    }

    private void check() {
        try {
            for (String subscribed : client.getRebalanceImpl().getSubscriptionInner().keySet()) {
                Set<MessageQueue> queues = client.getRebalanceImpl().getTopicSubscribeInfoTable().get(subscribed);
                if (queues != null && !queues.isEmpty() && allocation.owesAllocation(subscribed, Set.copyOf(queues))) {
                    client.getmQClientFactory().rebalanceImmediately();
                    return;
                }
            }
        } catch (RuntimeException e) {
            // a failed run would end the schedule; the client's periodic rebalance still comes
            LOG.debug("Checking the allocation of consumer group {} failed", client.groupName(), e);
        }
    }
}
