package io.rocketcamel.component.rocketmq;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

import org.apache.rocketmq.client.producer.MessageQueueSelector;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Picks the queue by a hash of the order key that is the same in every JVM and on every host (CRC32 of the key's UTF-8
 * bytes, modulo the queue count), so one key always lands in one queue of a topic.
 */
public final class OrderKeyQueueSelector implements MessageQueueSelector {

    public static final OrderKeyQueueSelector INSTANCE = new OrderKeyQueueSelector();

    @Override
    public MessageQueue select(List<MessageQueue> queues, Message message, Object orderKey) {
        return queues.get(queueIndex((String) orderKey, queues.size()));
    }

    public static int queueIndex(String orderKey, int queueCount) {
        CRC32 crc = new CRC32();
        crc.update(orderKey.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % queueCount);
    }
}
