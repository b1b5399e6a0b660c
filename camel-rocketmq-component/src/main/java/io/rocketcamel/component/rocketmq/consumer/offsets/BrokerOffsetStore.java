package io.rocketcamel.component.rocketmq.consumer.offsets;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.rocketcamel.component.rocketmq.internal.Namespaces;
import io.rocketcamel.component.rocketmq.internal.SilentBrokers;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.store.ReadOffsetType;
import org.apache.rocketmq.client.consumer.store.RemoteBrokerOffsetStore;
import org.apache.rocketmq.client.exception.MQClientException;
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
 *
 * <p>Where the broker holds no offset of the group, the client decides where the group starts (consumeFromWhere) but
 * stores that start only once a message was consumed there or a long poll came back empty (up to 15 s): a group stopped
 * before asked again at its next start, and with LAST_OFFSET started at the new end, skipping what arrived while it was
 * stopped. The start is stored here when it is decided, in memory and on the broker.
 *
 * <p>The client's rebalance reads the offset of each queue it gains, one after another, and pulls none of them before
 * the last read: a queue of a broker that does not answer held the others, on brokers that do, for its timeout each
 * ({@code HungBrokerMemberLeftIT}: three such queues, 9 s). Such a queue is not read ({@link SilentBrokers}): the
 * rebalance counts it as not gained and asks again in a second, as it does after any failed read.
 */
public class BrokerOffsetStore extends RemoteBrokerOffsetStore {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerOffsetStore.class);
    private static final long QUERY_TIMEOUT_MILLIS = 5000;
    /** The final commit's bound over all queues; past it, the rest go one-way as the client would send them. */
    private static final long FINAL_COMMIT_MILLIS = 10_000;
    private static final int FINAL_COMMIT_ATTEMPTS = 3;

    private final MQClientInstance client;
    private final String group;
    private final ClientStartOffsets startOffsets;
    private final SilentBrokers silentBrokers;
    private volatile GroupHistory history = GroupHistory.newGroup();
    private volatile boolean stopping;

    BrokerOffsetStore(MQClientInstance client, String group, ClientStartOffsets startOffsets) {
        super(client, group);
        this.client = client;
        this.group = group;
        this.startOffsets = startOffsets;
        this.silentBrokers = SilentBrokers.install(client);
    }

    /**
     * Installs the store on a consumer that is not started yet. The client instance is the one the consumer's start
     * will find: RocketMQ keeps one per client id, which the consumer's own instance name fixes.
     *
     * @param starts where the group starts on a queue it has no offset on
     * @param startAtTimestamp whether a new group starts at consumeTimestamp ({@link TimestampStartOffsetStore})
     */
    public static BrokerOffsetStore install(DefaultMQPushConsumer consumer, RPCHook rpcHook, ClientStartOffsets starts,
                                            boolean startAtTimestamp) {
        MQClientInstance client = MQClientManager.getInstance().getOrCreateMQClientInstance(consumer, rpcHook);
        // the consumer prefixes its group with the namespace only in start(), after it has taken this store
        String group = Namespaces.wrap(consumer.getNamespace(), consumer.getConsumerGroup());
        BrokerOffsetStore store = startAtTimestamp ? new TimestampStartOffsetStore(client, group, starts)
                : new BrokerOffsetStore(client, group, starts);
        consumer.setOffsetStore(store);
        return store;
    }

    /**
     * Reads what the group had consumed of the topic ({@link GroupHistory}), then where its queues end
     * ({@link ClientStartOffsets#consumerStarted}), right after the client started; a start waits for both.
     *
     * @param topic the topic as the brokers know it (with the namespace)
     */
    public void consumerStarted(String topic) {
        try {
            history = GroupHistory.read(client, group, topic);
        } finally {
            startOffsets.consumerStarted(topic);
        }
    }

    /** Asked by the client's rebalance when the group gets a queue: the stored offset, else the start it stores now. */
    @Override
    public long readOffset(MessageQueue queue, ReadOffsetType type) {
        if (type != ReadOffsetType.READ_FROM_STORE) {
            return super.readOffset(queue, type);
        }
        if (silentBrokers.isSilentFor(queue)) {
            LOG.debug("Not reading where consumer group {} stands on {}: its broker does not answer", group, queue);
            return -2;
        }
        // where the group would start is read before the broker is asked for the group's offset: read after its "none",
        // the end of the queue could already be past a message stored in between, which the group would never get
        long start = startOffset(queue);
        long stored = storedOffset(queue);
        if (stored != -1) {
            return stored;
        }
        if (start < 0) {
            return start;
        }
        updateOffset(queue, start, false);
        try {
            updateConsumeOffsetToBroker(queue, start, false);
        } catch (Exception e) {
            LOG.debug("Storing where group {} starts on {} ({}) failed; the next persist stores it", group, queue, start, e);
        }
        return start;
    }

    /** The broker refused the offset: see {@link RecreatedQueues}. */
    @Override
    public void updateAndFreezeOffset(MessageQueue queue, long offset) {
        long held = super.readOffset(queue, ReadOffsetType.READ_FROM_MEMORY);
        super.updateAndFreezeOffset(queue, RecreatedQueues.correct(queue, held, offset, "consumer group " + group));
    }

    /**
     * Stores where the group starts on each queue of the topic it has no offset on. POP needs it before its first pop:
     * a broker starts a new POP group at a queue's last message, and only when that pop comes, so what was sent in
     * between, but the last, was skipped. A topic that does not exist yet needs none (the broker starts a group on a
     * young queue at its first message).
     *
     * @param topic the topic as the brokers know it (with the namespace)
     */
    public void storeStarts(String topic) {
        List<MessageQueue> queues;
        try {
            queues = List.copyOf(client.getMQAdminImpl().fetchSubscribeMessageQueues(topic));
        } catch (MQClientException e) {
            LOG.debug("No queues of {} to store group {}'s start on: {}", topic, group, e.getMessage());
            return;
        }
        for (MessageQueue queue : queues) {
            readOffset(queue, ReadOffsetType.READ_FROM_STORE);
        }
    }

    /** The group's offset on the broker (-1 when it holds none, -2 when it could not be read), as the client reads it. */
    long storedOffset(MessageQueue queue) {
        return super.readOffset(queue, ReadOffsetType.READ_FROM_STORE);
    }

    /** Where the group starts on the queue if it has no offset there; -2 when that could not be read. */
    private long startOffset(MessageQueue queue) {
        try {
            // a retry queue holds only the group's own redeliveries: the client reads it from its start
            if (queue.getTopic().startsWith(MixAll.RETRY_GROUP_TOPIC_PREFIX)) {
                return 0;
            }
            // waits for the reads made at start, the history's among them
            long consumeFromWhereStart = startOffsets.startOffset(queue);
            return history.startOffset(queue, consumeFromWhereStart, client.getMQAdminImpl());
        } catch (Exception e) {
            // the client's rebalance asks again on its next round
            LOG.warn("Cannot find where consumer group {} starts on {}: {}", group, queue, e.getMessage());
            return -2;
        }
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

    /** The brokers the consumer's client knows as not answering. */
    public SilentBrokers silentBrokers() {
        return silentBrokers;
    }
}
