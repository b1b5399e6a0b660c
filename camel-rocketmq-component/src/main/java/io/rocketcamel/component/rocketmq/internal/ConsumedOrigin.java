package io.rocketcamel.component.rocketmq.internal;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import org.apache.camel.Exchange;

/**
 * The tag, keys and message group of the message an exchange was consumed from. The consumer puts them in the headers
 * a producer reads as instructions ({@link RocketMQConstants#TAGS}, {@link RocketMQConstants#KEYS},
 * {@link RocketMQConstants#MESSAGE_GROUP}); when the route forwards the exchange, a header still holding the consumed
 * value says where the message came from, and the forwarding endpoint's own tags, keys, messageGroup or orderKey win
 * over it (without them it travels on, as before). Otherwise a stage of a topic told apart by
 * tags consumed its own output again and again, and a consumed group beside an endpoint's orderKey failed every
 * forward. A value the route set is its instruction and wins, as documented (also Apache camel-rocketmq's override
 * headers, which replace a consumed value).
 */
public record ConsumedOrigin(String tags, String keys, String messageGroup) {

    private static final String PROPERTY = "CamelRocketMQConsumedOrigin";

    /** Kept on the exchange when the consumed message had a tag or a group (copies of the exchange share it). */
    public static void mark(Exchange exchange, String tags, String keys, String messageGroup) {
        if (tags != null || keys != null || messageGroup != null) {
            exchange.setProperty(PROPERTY, new ConsumedOrigin(tags, keys, messageGroup));
        }
    }

    /** Whether {@code value} of {@code header} is what the exchange was consumed with. */
    public static boolean holds(Exchange exchange, String header, String value) {
        ConsumedOrigin origin = exchange.getProperty(PROPERTY, ConsumedOrigin.class);
        if (origin == null) {
            return false;
        }
        String consumed = switch (header) {
            case RocketMQConstants.TAGS -> origin.tags();
            case RocketMQConstants.KEYS -> origin.keys();
            case RocketMQConstants.MESSAGE_GROUP -> origin.messageGroup();
            default -> null;
        };
        return value.equals(consumed);
    }
}
