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
 * ready to send like single messages, so they can go through a queue selector (an order key) as well. A message that
 * fits no batch is sent on its own ({@link #sentAlone}).
 */
public final class BatchSplitter {

    /** Per-message bytes of a batch entry besides body and properties: size, magic, CRC, flag, lengths. */
    private static final int ENTRY_OVERHEAD = 4 + 4 + 4 + 4 + 4 + 2;
    /** The unique id property the client adds to every message of a batch: name, value and separators. */
    private static final int UNIQUE_ID_ALLOWANCE = 64;

    private BatchSplitter() {
    }

    /**
     * The batches of the messages, in their order, and, between them, the messages sent on their own as they are.
     *
     * @param namespace the client's namespace, which the client's own batch send applies to the topic
     */
    public static List<Message> split(List<Message> messages, int maxMessageSize, String namespace) {
        List<Message> batches = new ArrayList<>();
        List<Message> current = new ArrayList<>();
        long currentSize = 0;
        for (Message message : messages) {
            // a body built from an exchange was checked already; a RocketMQ Message in the list was not
            if (message.getBody().length > maxMessageSize) {
                throw new UnsendableMessageException("A message of the list has a body of " + message.getBody().length
                                                     + " bytes, more than maxMessageSize=" + maxMessageSize + " bytes");
            }
            long size = encodedSize(message);
            boolean alone = sentAlone(size, maxMessageSize);
            if (!current.isEmpty() && (alone || currentSize + size > maxMessageSize)) {
                batches.add(toBatch(current, namespace));
                current = new ArrayList<>();
                currentSize = 0;
            }
            if (alone) {
                // a plain message: the client applies the namespace itself
                batches.add(message);
            } else {
                current.add(message);
                currentSize += size;
            }
        }
        if (!current.isEmpty()) {
            batches.add(toBatch(current, namespace));
        }
        return batches;
    }

    /**
     * Whether a message whose body is within maxMessageSize, and whose properties within their limit (both checked
     * before), is sent on its own rather than in a batch: its batch entry of {@code encodedSize} bytes, with the
     * properties and the entry's overhead, would take a batch over maxMessageSize. Sent alone it is stored as with
     * batchSize=1 (the client checks only the body, the broker body and properties each against its own limit), and
     * what the client or broker refuses then still fails as unsendable. Shared by the lanes and List bodies.
     */
    public static boolean sentAlone(long encodedSize, int maxMessageSize) {
        return encodedSize > maxMessageSize;
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
