package io.rocketcamel.component.rocketmq.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.rocketmq.client.consumer.AllocateMessageQueueStrategy;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * The client's allocation of a group's queues, over each consumer of the group once. A broker lists a consumer once
 * per connection it holds from it, and after it hung it keeps connections the client had closed meanwhile: it read
 * the heartbeats sent on them only when it ran again, some after their closes, and lets such a connection expire after
 * 120 s (channelExpiredTimeout). Counted once per listing, one consumer kept a share of the queues as if the group
 * were that many, and the others' messages waited for no one until then (a group listed 10 times with one consumer in
 * scenario 9 of docs/reliability.md). Every member of the group must count alike, which the component's consumers do.
 */
public final class DistinctConsumersAllocation implements AllocateMessageQueueStrategy {

    private final AllocateMessageQueueStrategy allocation;
    /** By topic, the queues the last allocation was over; a rebalance round that failed before allocating is not. */
    private final Map<String, Set<MessageQueue>> allocatedOver = new ConcurrentHashMap<>();

    private DistinctConsumersAllocation(AllocateMessageQueueStrategy allocation) {
        this.allocation = allocation;
    }

    /** Wraps the consumer's allocation strategy (RocketMQ's default: averagely); before its start. */
    public static void install(DefaultMQPushConsumer consumer) {
        if (!(consumer.getAllocateMessageQueueStrategy() instanceof DistinctConsumersAllocation)) {
            consumer.setAllocateMessageQueueStrategy(
                    new DistinctConsumersAllocation(consumer.getAllocateMessageQueueStrategy()));
        }
    }

    /** The consumer's allocation, when {@link #install} wrapped it; else null. */
    public static DistinctConsumersAllocation of(DefaultMQPushConsumer consumer) {
        return consumer.getAllocateMessageQueueStrategy() instanceof DistinctConsumersAllocation installed
                ? installed : null;
    }

    /** Whether a rebalance of the topic allocated these queues, the last to do so. */
    public boolean allocatedOver(String topic, Set<MessageQueue> queues) {
        return queues.equals(allocatedOver.get(topic));
    }

    @Override
    public List<MessageQueue> allocate(String consumerGroup, String currentCID, List<MessageQueue> mqAll,
                                       List<String> cidAll) {
        if (!mqAll.isEmpty()) {
            allocatedOver.put(mqAll.get(0).getTopic(), Set.copyOf(mqAll));
        }
        // the client sorted the list, so each consumer's copies are neighbours and distinct() keeps the order
        return allocation.allocate(consumerGroup, currentCID, mqAll, cidAll.stream().distinct().toList());
    }

    @Override
    public String getName() {
        return allocation.getName();
    }
}
