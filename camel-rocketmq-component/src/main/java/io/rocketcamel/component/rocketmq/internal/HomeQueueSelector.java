package io.rocketcamel.component.rocketmq.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

import io.rocketcamel.component.rocketmq.OrderKeyQueueSelector;
import org.apache.rocketmq.client.producer.MessageQueueSelector;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Sends each key's records to its home queue: the key's stable hash ({@link OrderKeyQueueSelector#queueIndex}) over
 * every queue of the topic this selector has seen writable, in the client's order (broker name, queue id), not only
 * over those writable now. With a broker of the topic down (or read-only) the client lists only the other brokers'
 * queues; hashed over those, a key's next record went to a queue whose reader never saw its earlier ones (a saga's
 * events split, an idempotent key's remove written where it freed nothing). A record whose home is not writable is
 * refused instead, naming the queue; the client wraps the refusal in its MQClientException ({@link #refusal}).
 */
public final class HomeQueueSelector implements MessageQueueSelector {

    /** Per topic, every queue seen writable. */
    private final Map<String, Set<MessageQueue>> queuesSeen = new ConcurrentHashMap<>();

    @Override
    public MessageQueue select(List<MessageQueue> writable, Message message, Object key) {
        Set<MessageQueue> seen = queuesSeen.computeIfAbsent(message.getTopic(), topic -> new ConcurrentSkipListSet<>());
        seen.addAll(writable);
        List<MessageQueue> all = List.copyOf(seen);
        MessageQueue home = all.get(OrderKeyQueueSelector.queueIndex((String) key, all.size()));
        if (!writable.contains(home)) {
            throw new HomeQueueNotWritable("its queue, " + home.getBrokerName() + " queue " + home.getQueueId() + " (of the "
                    + all.size() + " the topic has had), is not writable: its broker is down or read-only. It is not"
                    + " written to another queue, where its earlier records are not");
        }
        return home;
    }

    /** Why this selector refused the send that failed with {@code failure}, or null when it did not. */
    public static String refusal(Throwable failure) {
        return failure.getCause() instanceof HomeQueueNotWritable notWritable ? notWritable.getMessage() : null;
    }

    private static final class HomeQueueNotWritable extends RuntimeException {
        HomeQueueNotWritable(String message) {
            super(message, null, false, false);
        }
    }
}
