package io.rocketcamel.component.rocketmq.internal;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import org.apache.camel.Message;

/**
 * A Camel message made from a consumed message (or copied from one), which knows the consumed message's id, tag, keys
 * and message group. The id stays the same when RocketMQ delivers the message again: the saga service tells a
 * redelivered step by it. The consumer puts the others in the headers a producer reads as instructions ({@link
 * RocketMQConstants#TAGS}, {@link RocketMQConstants#KEYS}, {@link RocketMQConstants#MESSAGE_GROUP}); when the route
 * forwards the exchange, a header still holding the consumed value says where the message came from, and the forwarding
 * endpoint's own tags, keys, messageGroup or orderKey win over it (without them it travels on, as before). Otherwise a
 * stage of a topic told apart by tags consumed its own output again and again, and a consumed group beside an
 * endpoint's orderKey failed every forward. A value the route set is its instruction and wins, as documented (also
 * Apache camel-rocketmq's override headers, which replace a consumed value). Kept on the message, not the exchange: a
 * consumed exchange pays nothing for it, and a batch's messages, split into exchanges of their own, keep theirs.
 */
public interface ConsumedOrigin {

    String consumedMessageId();

    String consumedTags();

    String consumedKeys();

    String consumedMessageGroup();

    /** Whether {@code value} of {@code header} is what the message was consumed with. */
    static boolean holds(Message message, String header, String value) {
        if (!(message instanceof ConsumedOrigin origin)) {
            return false;
        }
        String consumed = switch (header) {
            case RocketMQConstants.TAGS -> origin.consumedTags();
            case RocketMQConstants.KEYS -> origin.consumedKeys();
            case RocketMQConstants.MESSAGE_GROUP -> origin.consumedMessageGroup();
            default -> null;
        };
        return value.equals(consumed);
    }
}
