package io.rocketcamel.component.rocketmq;

import java.util.List;

import com.google.common.hash.Hashing;
import org.apache.rocketmq.client.producer.MessageQueueSelector;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Picks the queue of a message group as the RocketMQ 5 proxy does for gRPC SDK producers: Guava's consistent hash of
 * the group's {@code String.hashCode()} over the topic's writable master queues, sorted by broker name and queue id
 * (the order of the client's own queue list). A group therefore lands on the same queue whichever of them sent it.
 */
public final class MessageGroupQueueSelector implements MessageQueueSelector {

    public static final MessageGroupQueueSelector INSTANCE = new MessageGroupQueueSelector();

    @Override
    public MessageQueue select(List<MessageQueue> queues, Message message, Object messageGroup) {
        return queues.get(queueIndex((String) messageGroup, queues.size()));
    }

    public static int queueIndex(String messageGroup, int queueCount) {
        // the proxy's SendMessageActivity does exactly this; rocketmq-client brings the same Guava
        return Hashing.consistentHash(messageGroup.hashCode(), queueCount);
    }
}
