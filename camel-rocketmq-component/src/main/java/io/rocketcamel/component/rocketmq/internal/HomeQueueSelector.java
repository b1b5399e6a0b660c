package io.rocketcamel.component.rocketmq.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * <p>
 * A selector {@link #over} a fixed list of queues hashes over those only, whatever the topic has now: instances that
 * agree on the list agree on each key's queue, also after queues were added to the topic.
 */
public final class HomeQueueSelector implements MessageQueueSelector {

    /** Per topic, every queue seen writable. */
    private final Map<String, Set<MessageQueue>> queuesSeen = new ConcurrentHashMap<>();
    /** The queues keys are spread over, each as broker name and queue id; null: every queue seen writable. */
    private final List<QueuePlace> fixed;
    /** What the fixed queues are, for a refusal. */
    private final String fixedAs;

    /**
     * A queue as records name it, whatever namespace the client adds to its topic: {@code <broker>.<queueId>} in text,
     * characters that JSON does not escape and URLs give no meaning.
     */
    public record QueuePlace(String brokerName, int queueId) {

        public static QueuePlace of(MessageQueue queue) {
            return new QueuePlace(queue.getBrokerName(), queue.getQueueId());
        }

        /** The queue {@code text} names ({@link #toString}'s form); empty for text of another form. */
        public static Optional<QueuePlace> parse(String text) {
            int dot = text.lastIndexOf('.');
            String id = text.substring(dot + 1);
            if (dot < 1 || id.isEmpty() || id.length() > 9 || !id.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            return Optional.of(new QueuePlace(text.substring(0, dot), Integer.parseInt(id)));
        }

        @Override
        public String toString() {
            return brokerName + "." + queueId;
        }
    }

    public HomeQueueSelector() {
        this.fixed = null;
        this.fixedAs = null;
    }

    private HomeQueueSelector(List<QueuePlace> fixed, String fixedAs) {
        this.fixed = List.copyOf(fixed);
        this.fixedAs = fixedAs;
    }

    /** A selector that sends every record to this queue. */
    public static HomeQueueSelector only(QueuePlace queue, String what) {
        return over(List.of(queue), what);
    }

    /**
     * A selector that spreads keys over these queues only, in this order.
     *
     * @param what what the queues are, as a refusal names them ("the 4 of the topic's layout")
     */
    public static HomeQueueSelector over(List<QueuePlace> queues, String what) {
        return new HomeQueueSelector(queues, what);
    }

    @Override
    public MessageQueue select(List<MessageQueue> writable, Message message, Object key) {
        if (fixed != null) {
            QueuePlace home = fixed.get(OrderKeyQueueSelector.queueIndex((String) key, fixed.size()));
            return writable.stream().filter(queue -> QueuePlace.of(queue).equals(home)).findFirst()
                    .orElseThrow(() -> notWritable(home, fixedAs));
        }
        Set<MessageQueue> seen = queuesSeen.computeIfAbsent(message.getTopic(), topic -> new ConcurrentSkipListSet<>());
        seen.addAll(writable);
        List<MessageQueue> all = List.copyOf(seen);
        MessageQueue home = all.get(OrderKeyQueueSelector.queueIndex((String) key, all.size()));
        if (!writable.contains(home)) {
            throw notWritable(QueuePlace.of(home), "of the " + all.size() + " the topic has had");
        }
        return home;
    }

    private static HomeQueueNotWritable notWritable(QueuePlace home, String among) {
        return new HomeQueueNotWritable("its queue, " + home.brokerName() + " queue " + home.queueId() + " (" + among
                                        + "), is not writable: its broker is down or read-only. It is not written to"
                                        + " another queue, where its earlier records are not");
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
