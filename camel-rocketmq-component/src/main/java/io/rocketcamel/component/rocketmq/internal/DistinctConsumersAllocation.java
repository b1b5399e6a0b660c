package io.rocketcamel.component.rocketmq.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.rocketmq.client.consumer.AllocateMessageQueueStrategy;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;

/**
 * The client's allocation of a group's queues, over each consumer of the group once. A broker lists a consumer once
 * per connection it holds from it, and after it hung it keeps connections the client had closed meanwhile: it read
 * the heartbeats sent on them only when it ran again, some after their closes, and lets such a connection expire after
 * 120 s (channelExpiredTimeout). Counted once per listing, one consumer kept a share of the queues as if the group
 * were that many, and the others' messages waited for no one until then (a group listed 10 times with one consumer in
 * scenario 9 of docs/reliability.md). Every member of the group must count alike, which the component's consumers do.
 *
 * <p>It also tells whether an allocation is owed ({@link #owesAllocation}): a rebalance round whose ask for the group's
 * members failed (a broker that does not answer, drawn at random) ends without allocating, and the client, counting
 * the topic as balanced, tries again only 20 s later. So it keeps when each topic was last allocated, and, as a hook
 * on the client's requests, when a broker last told that the group's members changed.
 */
public final class DistinctConsumersAllocation implements AllocateMessageQueueStrategy, RPCHook {

    private final AllocateMessageQueueStrategy allocation;
    /** By topic, the last allocation; a rebalance round that failed before allocating made none. */
    private final Map<String, Allocated> allocated = new ConcurrentHashMap<>();
    /** System.nanoTime() when a broker last told the client that the group's members changed, or of the install. */
    private volatile long membersChangedNanos = System.nanoTime();

    private DistinctConsumersAllocation(AllocateMessageQueueStrategy allocation) {
        this.allocation = allocation;
    }

    /**
     * Wraps the consumer's allocation strategy (RocketMQ's default: averagely); before its start. To hear the brokers'
     * notices it must also be a hook on the consumer's client instance
     * ({@link RocketMQClients#clientWithRebalanceHooks}).
     *
     * @return the consumer's allocation
     */
    public static DistinctConsumersAllocation install(DefaultMQPushConsumer consumer) {
        if (!(consumer.getAllocateMessageQueueStrategy() instanceof DistinctConsumersAllocation)) {
            consumer.setAllocateMessageQueueStrategy(
                    new DistinctConsumersAllocation(consumer.getAllocateMessageQueueStrategy()));
        }
        return of(consumer);
    }

    /** The consumer's allocation, when {@link #install} wrapped it; else null. */
    public static DistinctConsumersAllocation of(DefaultMQPushConsumer consumer) {
        return consumer.getAllocateMessageQueueStrategy() instanceof DistinctConsumersAllocation installed
                ? installed : null;
    }

    /**
     * Whether the topic is owed a rebalance round that allocates: none allocated these queues last, or none did since
     * the group's members last changed.
     */
    public boolean owesAllocation(String topic, Set<MessageQueue> queues) {
        Allocated last = allocated.get(topic);
        return last == null || !queues.equals(last.queues) || last.atNanos - membersChangedNanos < 0;
    }

    @Override
    public List<MessageQueue> allocate(String consumerGroup, String currentCID, List<MessageQueue> mqAll,
                                       List<String> cidAll) {
        if (!mqAll.isEmpty()) {
            allocated.put(mqAll.get(0).getTopic(), new Allocated(Set.copyOf(mqAll), System.nanoTime()));
        }
        // the client sorted the list, so each consumer's copies are neighbours and distinct() keeps the order
        return allocation.allocate(consumerGroup, currentCID, mqAll, cidAll.stream().distinct().toList());
    }

    @Override
    public String getName() {
        return allocation.getName();
    }

    /**
     * Called before the client handles a broker's request too, so before the rebalance a notice starts. The client
     * rebalances every group of its instance at any notice, so any notice counts; the component's consumers and the
     * saga service's readers each have an instance of their own.
     */
    @Override
    public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
        if (request.getCode() == RequestCode.NOTIFY_CONSUMER_IDS_CHANGED) {
            membersChangedNanos = System.nanoTime();
        }
    }

    @Override
    public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
        // nothing to do once answered
    }

    private record Allocated(Set<MessageQueue> queues, long atNanos) {
    }
}
