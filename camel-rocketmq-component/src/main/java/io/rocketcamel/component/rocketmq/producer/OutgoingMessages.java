package io.rocketcamel.component.rocketmq.producer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.apache.rocketmq.common.message.Message;

/**
 * What one exchange sends, ready for the client: one message; or, for a list body, batches packed from its elements
 * (single messages when delayed, which RocketMQ batches do not support). Each goes to its topic, and there to the queue
 * of its key (an order key or a message group) when it has one: a list's elements may have keys (a consumed batch
 * forwarded whole) and topics of their own, so a list's messages come grouped by destination, topic and key, in the
 * order each destination first appears in the list.
 *
 * @param messages  what the client sends, each a message or a packed batch, in order
 * @param queueKeys the key of each message, at the same index; null entries for no key
 * @param fromList  whether the body was a list (so the messages may be batches)
 * @param delayed   whether the messages carry a delay level or a delivery time
 */
public record OutgoingMessages(List<Message> messages, List<QueueKey> queueKeys, boolean fromList, boolean delayed) {

    /** The keys of one message without a key: shared, as most sends have none. */
    private static final List<QueueKey> NO_KEY = Collections.singletonList(null);

    static OutgoingMessages one(Message message, QueueKey key, boolean delayed) {
        return new OutgoingMessages(List.of(message), key == null ? NO_KEY : Collections.singletonList(key), false,
                delayed);
    }

    /** Whether this can join an automatic batch: one plain message (RocketMQ batches cannot be delayed). */
    public boolean batchable() {
        return !fromList && !delayed;
    }

    public QueueKey queueKey(int index) {
        return queueKeys.get(index);
    }

    /** The key of the first message: for a single message, or a list of one key, the key of all. */
    public QueueKey queueKey() {
        return queueKeys.get(0);
    }

    /** Whether any message goes to a key's queue, and must keep its place in that key's order. */
    public boolean ordered() {
        for (QueueKey key : queueKeys) {
            if (key != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the messages go to more than one destination: several topics, or several keys' queues (a list whose
     * elements name their own).
     */
    public boolean severalDestinations() {
        for (int i = 1; i < messages.size(); i++) {
            if (!sameDestination(0, i)) {
                return true;
            }
        }
        return false;
    }

    private boolean sameDestination(int one, int other) {
        return Objects.equals(queueKeys.get(one), queueKeys.get(other))
               && messages.get(one).getTopic().equals(messages.get(other).getTopic());
    }

    /** The messages of each destination on their own, in order (they come grouped by destination). */
    public List<OutgoingMessages> byDestination() {
        List<OutgoingMessages> parts = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= messages.size(); i++) {
            if (i == messages.size() || !sameDestination(start, i)) {
                parts.add(new OutgoingMessages(messages.subList(start, i), queueKeys.subList(start, i), fromList,
                        delayed));
                start = i;
            }
        }
        return parts;
    }
}
