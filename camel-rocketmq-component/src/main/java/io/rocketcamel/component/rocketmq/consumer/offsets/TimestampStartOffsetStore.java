package io.rocketcamel.component.rocketmq.consumer.offsets;

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
 * The broker offsets of a clustering consumer with consumeFromWhere=TIMESTAMP. Asked for the offset of a group that
 * has none, the broker answers 0 whenever the queue's first message is still in its page cache, unless the client asks
 * it not to; the 5.5 client never asks, so on any young topic a new group would start at the first message instead of
 * at consumeTimestamp. This store asks, so the client's search by time decides where a new group starts.
 */
public final class TimestampStartOffsetStore extends RemoteBrokerOffsetStore {

    private static final Logger LOG = LoggerFactory.getLogger(TimestampStartOffsetStore.class);
    private static final long QUERY_TIMEOUT_MILLIS = 5000;

    private final MQClientInstance client;
    private final String group;

    private TimestampStartOffsetStore(MQClientInstance client, String group) {
        super(client, group);
        this.client = client;
        this.group = group;
    }

    /**
     * Installs the store on a consumer that is not started yet. The client instance is the one the consumer's start
     * will find: RocketMQ keeps one per client id, which the consumer's own instance name fixes.
     */
    public static void install(DefaultMQPushConsumer consumer, RPCHook rpcHook) {
        MQClientInstance client = MQClientManager.getInstance().getOrCreateMQClientInstance(consumer, rpcHook);
        // the consumer prefixes its group with the namespace only in start(), after it has taken this store
        String group = Namespaces.wrap(consumer.getNamespace(), consumer.getConsumerGroup());
        consumer.setOffsetStore(new TimestampStartOffsetStore(client, group));
    }

    @Override
    public long readOffset(MessageQueue queue, ReadOffsetType type) {
        if (type != ReadOffsetType.READ_FROM_STORE) {
            return super.readOffset(queue, type);
        }
        try {
            long offset = brokerOffset(queue);
            updateOffset(queue, offset, false);
            return offset;
        } catch (OffsetNotFoundException e) {
            return -1;
        } catch (Exception e) {
            LOG.warn("Cannot read the offset of group {} on {}", group, queue, e);
            return -2;
        }
    }

    private long brokerOffset(MessageQueue queue) throws Exception {
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
}
