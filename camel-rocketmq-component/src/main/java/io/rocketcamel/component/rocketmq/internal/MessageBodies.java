package io.rocketcamel.component.rocketmq.internal;

import io.rocketcamel.component.rocketmq.producer.UnsendableMessageException;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.rocketmq.common.message.Message;

/**
 * Turns a Camel body into the bytes of a RocketMQ message.
 */
public final class MessageBodies {

    /**
     * Marks a reply whose answer had no body: RocketMQ refuses a message without one, so the reply carries one byte
     * and this property, and the requesting producer hands the route an empty body. Without it the reply could not be
     * sent and the requester waited out its requestTimeout.
     */
    public static final String EMPTY_REPLY = "CamelRocketMQEmptyReply";

    private MessageBodies() {
    }

    /** The one byte an {@link #EMPTY_REPLY} carries. */
    public static byte[] emptyReplyBody() {
        return new byte[] { 0 };
    }

    /** A reply's body as the answering route left it: empty for a reply marked {@link #EMPTY_REPLY}. */
    public static byte[] replyBody(Message reply) {
        return reply.getProperty(EMPTY_REPLY) != null ? new byte[0] : reply.getBody();
    }

    public static byte[] toBytes(Exchange exchange, Object body, int maxMessageSize) throws InvalidPayloadException {
        if (body == null) {
            throw new InvalidPayloadException(exchange, byte[].class, exchange.getMessage(),
                    new UnsendableMessageException("A RocketMQ message needs a body, the body is null"));
        }
        byte[] bytes = body instanceof byte[] b ? b : exchange.getContext().getTypeConverter().tryConvertTo(byte[].class, exchange, body);
        if (bytes == null) {
            throw new InvalidPayloadException(exchange, byte[].class, exchange.getMessage(),
                    new UnsendableMessageException("Cannot send a body of type " + body.getClass().getName()
                                                   + ": no type converter turns it into byte[]"));
        }
        if (bytes.length == 0) {
            // the client refuses a single message without a body, yet a batch stored one: refused alike here
            throw new InvalidPayloadException(exchange, byte[].class, exchange.getMessage(),
                    new UnsendableMessageException("The message body is empty: a RocketMQ message needs at least one byte"));
        }
        if (bytes.length > maxMessageSize) {
            throw new UnsendableMessageException(
                    "The message body is " + bytes.length + " bytes, more than maxMessageSize=" + maxMessageSize
                                                 + " bytes; raise maxMessageSize (and the broker's) or send a smaller body");
        }
        return bytes;
    }
}
