package io.rocketcamel.component.rocketmq.consumer.offsets;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.rocketcamel.component.rocketmq.internal.Namespaces;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.store.ReadOffsetType;
import org.apache.rocketmq.client.consumer.store.RemoteBrokerOffsetStore;
import org.apache.rocketmq.client.exception.OffsetNotFoundException;
import org.apache.rocketmq.client.impl.FindBrokerResult;
import org.apache.rocketmq.client.impl.MQClientManager;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.protocol.header.QueryConsumerOffsetRequestHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker offsets of a clustering consumer, whose last commit, made as it stops, is made for certain. RocketMQ's
 * client sends that commit one-way and closes its connections at once, so nothing tells whether the broker applied
 * it; and a 5.5.0 broker drops one of two first commits of a group that arrive together (apache/rocketmq#10700). A
 * queue whose last commit was lost is read again by the group's next consumer, or, when the broker holds no offset of
 * the group there, from consumeFromWhere: with LAST_OFFSET, from the end, skipping what arrived meanwhile. The final
 * commit here waits for each answer, reads the offset back and commits again what the broker does not hold.
 */
public class BrokerOffsetStore extends RemoteBrokerOffsetStore {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerOffsetStore.class);
    private static final long QUERY_TIMEOUT_MILLIS = 5000;
    /** The final commit's bound over all queues; past it, the rest go one-way as the client would send them. */
    private static final long FINAL_COMMIT_MILLIS = 10_000;
    private static final int FINAL_COMMIT_ATTEMPTS = 3;

    private final MQClientInstance client;
    private final String group;
    private volatile boolean stopping;

    BrokerOffsetStore(MQClientInstance client, String group) {
        super(client, group);
        this.client = client;
        this.group = group;
    }

    /**
     * Installs the store on a consumer that is not started yet. The client instance is the one the consumer's start
     * will find: RocketMQ keeps one per client id, which the consumer's own instance name fixes.
     *
     * @param startAtTimestamp whether a new group starts at consumeTimestamp ({@link TimestampStartOffsetStore})
     */
    public static BrokerOffsetStore install(DefaultMQPushConsumer consumer, RPCHook rpcHook, boolean startAtTimestamp) {
        MQClientInstance client = MQClientManager.getInstance().getOrCreateMQClientInstance(consumer, rpcHook);
        // the consumer prefixes its group with the namespace only in start(), after it has taken this store
        String group = Namespaces.wrap(consumer.getNamespace(), consumer.getConsumerGroup());
        BrokerOffsetStore store = startAtTimestamp ? new TimestampStartOffsetStore(client, group)
                : new BrokerOffsetStore(client, group);
        consumer.setOffsetStore(store);
        return store;
    }

    /** The consumer is stopping: its next persist, after its last exchange, is its final commit. */
    public void stopping() {
        stopping = true;
    }

    /** Also called by the client every few seconds; one persist at a time, so the final one is never overtaken. */
    @Override
    public synchronized void persistAll(Set<MessageQueue> queues) {
        if (!stopping) {
            super.persistAll(queues);
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FINAL_COMMIT_MILLIS);
        for (MessageQueue queue : queues) {
            long offset = readOffset(queue, ReadOffsetType.READ_FROM_MEMORY);
            if (offset >= 0) {
                commitForCertain(queue, offset, deadline);
            }
        }
    }

    private void commitForCertain(MessageQueue queue, long offset, long deadline) {
        String seen = "no attempt: the final commit's " + FINAL_COMMIT_MILLIS + " ms were spent";
        for (int attempt = 1; attempt <= FINAL_COMMIT_ATTEMPTS && System.nanoTime() < deadline; attempt++) {
            try {
                updateConsumeOffsetToBroker(queue, offset, false);
                long held = brokerOffset(queue);
                if (held >= offset) {
                    return;
                }
                seen = "the broker holds " + held;
            } catch (OffsetNotFoundException e) {
                seen = "the broker holds no offset";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                seen = "interrupted";
                break;
            } catch (Exception e) {
                seen = e.toString();
            }
        }
        LOG.warn("Stopping consumer group {} could not make sure the broker holds its offset {} of {} ({}); the group's next"
                 + " consumer may read again what follows it", group, offset, queue, seen);
        try {
            updateConsumeOffsetToBroker(queue, offset, true);
        } catch (Exception e) {
            LOG.debug("One-way commit of {} at {} failed", queue, offset, e);
        }
    }

    /** The offset the broker holds for the group on the queue, never made up (a group it knows nothing of throws). */
    long brokerOffset(MessageQueue queue) throws Exception {
        String brokerName = client.getBrokerNameFromMessageQueue(queue);
        FindBrokerResult broker = client.findBrokerAddressInSubscribe(brokerName, MixAll.MASTER_ID, true);
        if (broker == null) {
            client.updateTopicRouteInfoFromNameServer(queue.getTopic());
            broker = client.findBrokerAddressInSubscribe(brokerName, MixAll.MASTER_ID, false);
        }
        if (broker == null) {
            throw new IllegalStateException("Broker " + brokerName + " of " + queue + " is unknown");
        }
        QueryConsumerOffsetRequestHeader request = new QueryConsumerOffsetRequestHeader();
        request.setTopic(queue.getTopic());
        request.setConsumerGroup(group);
        request.setQueueId(queue.getQueueId());
        request.setBrokerName(queue.getBrokerName());
        request.setSetZeroIfNotFound(false);
        return client.getMQClientAPIImpl().queryConsumerOffset(broker.getBrokerAddr(), request, QUERY_TIMEOUT_MILLIS);
    }

    String group() {
        return group;
    }
}
