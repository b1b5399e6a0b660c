package io.rocketcamel.component.rocketmq.producer;

import org.apache.camel.Exchange;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageClientIDSetter;

/**
 * What one send of an exchange sent, for a tracer's span of that send. The exchange's headers cannot tell: a
 * forwarded exchange still holds the consumed message's tag, id and queue where the endpoint's own tags won, where a
 * ONEWAY send learnt nothing, and where Apache's sendTag was used. The span decorator asks for it as the send's span
 * starts ({@link #expect}); the producer fills what it asked for, so without a tracer it records nothing and
 * allocates nothing.
 */
public final class SentMessage {

    private static final String PROPERTY = "RocketCamelSentMessage";

    private final Object span;
    /** What a send that began while this one's span was open (a localTransaction's) put aside. */
    private final SentMessage enclosing;
    private volatile String topic;
    private volatile boolean list;
    private volatile String tag;
    private volatile String keys;
    private volatile String messageId;
    private volatile Integer queueId;

    private SentMessage(Object span, SentMessage enclosing) {
        this.span = span;
        this.enclosing = enclosing;
    }

    /** The span of a send to a rocketmq endpoint starts: what the send sends is recorded for it. */
    public static void expect(Exchange exchange, Object span) {
        exchange.setProperty(PROPERTY, new SentMessage(span, expected(exchange)));
    }

    /** The span ends: what its send recorded, or null when it is not a send's span. */
    public static SentMessage finished(Exchange exchange, Object span) {
        SentMessage sent = expected(exchange);
        if (sent == null || sent.span != span) {
            return null;
        }
        if (sent.enclosing == null) {
            exchange.removeProperty(PROPERTY);
        } else {
            exchange.setProperty(PROPERTY, sent.enclosing);
        }
        return sent;
    }

    /** The record a tracer expects of this send, or null (no tracer). */
    static SentMessage expected(Exchange exchange) {
        return exchange.getProperty(PROPERTY) instanceof SentMessage sent ? sent : null;
    }

    /**
     * A request's reply came: its span names the request's id, which the client gave it as it sent it (the exchange's
     * message is becoming the reply, and the broker's answer to the send may still be on its way).
     */
    static void requestAnswered(Exchange exchange, Message request) {
        SentMessage traced = expected(exchange);
        if (traced != null) {
            traced.stored(MessageClientIDSetter.getUniqID(request), null);
        }
    }

    /** The messages are built: their topic and, for one message (not a list's), its tag and keys. */
    void sending(String topic, OutgoingMessages outgoing) {
        this.topic = topic;
        list = outgoing.fromList();
        if (!list) {
            Message message = outgoing.messages().get(0);
            tag = message.getTags();
            keys = message.getKeys();
        }
    }

    /**
     * The broker stored it: its id and queue (null if unknown). A list's messages each have an id of their own, so
     * for a list nothing is kept: its span counts them.
     */
    void stored(String messageId, Integer queueId) {
        if (!list) {
            this.messageId = messageId;
            this.queueId = queueId;
        }
    }

    /** The topic sent to, without the namespace; null if the send failed before its messages were built. */
    public String topic() {
        return topic;
    }

    public String tag() {
        return tag;
    }

    public String keys() {
        return keys;
    }

    /** Null when nothing confirmed the send (ONEWAY) or it failed before the broker stored it. */
    public String messageId() {
        return messageId;
    }

    public Integer queueId() {
        return queueId;
    }
}
