package io.rocketcamel.component.rocketmq.producer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.rocketcamel.component.rocketmq.internal.Namespaces;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageBatch;
import org.apache.rocketmq.common.message.MessageClientIDSetter;

/**
 * Packs messages of one topic into as few RocketMQ batches as fit under the maximum message size. The batches are
 * ready to send like single messages, so they can go through a queue selector (an order key) as well.
 */
public final class BatchSplitter {

    /** Per-message bytes of a batch entry besides body and properties: size, magic, CRC, flag, lengths. */
    private static final int ENTRY_OVERHEAD = 4 + 4 + 4 + 4 + 4 + 2;
    /** The unique id property the client adds to every message of a batch: name, value and separators. */
    private static final int UNIQUE_ID_ALLOWANCE = 64;

    private BatchSplitter() {
    }

    /**
     * @param namespace the client's namespace, which the client's own batch send applies to the topic
     */
    public static List<Message> split(List<Message> messages, int maxMessageSize, String namespace) {
        List<Message> batches = new ArrayList<>();
        List<Message> current = new ArrayList<>();
        long currentSize = 0;
        for (Message message : messages) {
            long size = encodedSize(message);
            if (size > maxMessageSize) {
                throw new UnsendableMessageException(
                        "A message of the batch is " + size + " bytes encoded, more than maxMessageSize=" + maxMessageSize
                                                     + " bytes");
            }
            if (currentSize + size > maxMessageSize) {
                batches.add(toBatch(current, namespace));
                current = new ArrayList<>();
                currentSize = 0;
            }
            current.add(message);
            currentSize += size;
        }
        if (!current.isEmpty()) {
            batches.add(toBatch(current, namespace));
        }
        return batches;
    }

    public static long encodedSize(Message message) {
        long size = ENTRY_OVERHEAD + UNIQUE_ID_ALLOWANCE + message.getBody().length;
        if (message.getProperties() != null) {
            for (Map.Entry<String, String> property : message.getProperties().entrySet()) {
                size += utf8Length(property.getKey()) + utf8Length(property.getValue()) + 2;
            }
        }
        return size;
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    public static Message toBatch(List<Message> messages, String namespace) {
        MessageBatch batch = MessageBatch.generateFromList(messages);
        for (Message message : batch) {
            MessageClientIDSetter.setUniqID(message);
            message.setTopic(Namespaces.wrap(namespace, message.getTopic()));
        }
        MessageClientIDSetter.setUniqID(batch);
        batch.setBody(batch.encode());
        batch.setTopic(Namespaces.wrap(namespace, batch.getTopic()));
        return batch;
    }
}
