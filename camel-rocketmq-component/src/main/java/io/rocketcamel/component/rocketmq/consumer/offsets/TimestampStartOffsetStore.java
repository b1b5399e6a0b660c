package io.rocketcamel.component.rocketmq.consumer.offsets;

import org.apache.rocketmq.client.consumer.store.ReadOffsetType;
import org.apache.rocketmq.client.exception.OffsetNotFoundException;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker offsets of a clustering consumer with consumeFromWhere=TIMESTAMP. Asked for the offset of a group that
 * has none, the broker answers 0 whenever the queue's first message is still in its page cache, unless the client asks
 * it not to; the 5.5 client never asks, so on any young topic a new group would start at the first message instead of
 * at consumeTimestamp. This store asks, so the client's search by time decides where a new group starts.
 */
final class TimestampStartOffsetStore extends BrokerOffsetStore {

    private static final Logger LOG = LoggerFactory.getLogger(TimestampStartOffsetStore.class);

    TimestampStartOffsetStore(MQClientInstance client, String group) {
        super(client, group);
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
            // the group's retry queue holds only its own redeliveries: read from its start, as the client does with
            // LAST_OFFSET and FIRST_OFFSET; -1 made the client start it at its end (its rule for TIMESTAMP), skipping them
            return queue.getTopic().startsWith(MixAll.RETRY_GROUP_TOPIC_PREFIX) ? 0 : -1;
        } catch (Exception e) {
            LOG.warn("Cannot read the offset of group {} on {}", group(), queue, e);
            return -2;
        }
    }
}
