package io.rocketcamel.component.rocketmq.consumer.offsets;

import org.apache.rocketmq.client.exception.OffsetNotFoundException;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.message.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker offsets of a clustering consumer with consumeFromWhere=TIMESTAMP. Asked for the offset of a group that
 * has none, the broker answers 0 whenever the queue's first message is still in its page cache, unless the client asks
 * it not to; the 5.5 client never asks, so on any young topic a new group would start at the first message instead of
 * at consumeTimestamp. This store asks, so the search by time decides where a new group starts (its retry queue
 * from its start: the client's own rule for TIMESTAMP started it at its end, skipping the redeliveries in it).
 */
final class TimestampStartOffsetStore extends BrokerOffsetStore {

    private static final Logger LOG = LoggerFactory.getLogger(TimestampStartOffsetStore.class);

    TimestampStartOffsetStore(MQClientInstance client, String group, ClientStartOffsets startOffsets) {
        super(client, group, startOffsets);
    }

    @Override
    long storedOffset(MessageQueue queue) {
        try {
            long offset = brokerOffset(queue);
            updateOffset(queue, offset, false);
            return offset;
        } catch (OffsetNotFoundException e) {
            return -1;
        } catch (Exception e) {
            LOG.warn("Cannot read the offset of group {} on {}", group(), queue, e);
            return -2;
        }
    }
}
