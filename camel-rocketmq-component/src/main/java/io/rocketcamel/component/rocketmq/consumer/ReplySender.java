package io.rocketcamel.component.rocketmq.consumer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;

import io.rocketcamel.component.rocketmq.internal.HeaderMapper;
import io.rocketcamel.component.rocketmq.internal.MessageBodies;
import io.rocketcamel.component.rocketmq.internal.PromptShutdown;
import org.apache.camel.Exchange;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.utils.MessageUtil;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.remoting.protocol.ResponseCode;

/**
 * Answers RocketMQ requests (RIP-16) with the result of the consumer's exchange. Its producer starts with the first
 * request, so consumers that never see one hold no extra client.
 */
public final class ReplySender {

    /** A failure's message longer than this is cut: it explains, it carries no data. */
    private static final int MAX_FAILURE_BYTES = 64 * 1024;

    private final Supplier<DefaultMQProducer> clientFactory;
    private final HeaderMapper headers;
    private final int maxMessageSize;
    private DefaultMQProducer client;
    private boolean closed;

    public ReplySender(Supplier<DefaultMQProducer> clientFactory, HeaderMapper headers, int maxMessageSize) {
        this.clientFactory = clientFactory;
        this.headers = headers;
        this.maxMessageSize = maxMessageSize;
    }

    public static boolean isRequest(Message message) {
        return message.getProperty(MessageConst.PROPERTY_MESSAGE_REPLY_TO_CLIENT) != null;
    }

    /**
     * How long ago the request's requester gave up: its client stores its requestTimeout as the request's TTL and
     * waits that long from the request's birth (both on the requester's clock).
     *
     * @return milliseconds past the timeout; 0 or less while the requester still waits, or for no request
     */
    static long pastRequestTimeout(MessageExt message, long nowMillis) {
        String ttl = message.getProperty(MessageConst.PROPERTY_MESSAGE_TTL);
        if (ttl == null || !isRequest(message)) {
            return 0;
        }
        try {
            return nowMillis - message.getBornTimestamp() - Long.parseLong(ttl);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public void reply(Message request, Exchange exchange) throws Exception {
        reply(request, exchange, exchange.getMessage());
    }

    /** Replies with the body and headers of {@code answer}, a message of the exchange (an element of a batch). */
    public void reply(Message request, Exchange exchange, org.apache.camel.Message answer) throws Exception {
        boolean empty = answer.getBody() == null
                        || answer.getBody() instanceof byte[] bytes && bytes.length == 0
                        || answer.getBody() instanceof String text && text.isEmpty();
        Message reply = MessageUtil.createReplyMessage(request,
                empty ? MessageBodies.emptyReplyBody() : MessageBodies.toBytes(exchange, answer.getBody(), maxMessageSize));
        headers.toUserProperties(exchange, answer, reply);
        if (empty) {
            reply.putUserProperty(MessageBodies.EMPTY_REPLY, "true");
        }
        send(reply);
    }

    /**
     * Replies with the route's failure: the exception's class name as a property, its message as the body (in the
     * body, any text travels; a property ends at RocketMQ's separators). A requester other than this component reads
     * them as a reply.
     */
    public void replyFailure(Message request, Throwable failure) throws Exception {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        byte[] body = message.isEmpty() ? MessageBodies.emptyReplyBody() : message.getBytes(StandardCharsets.UTF_8);
        int room = Math.min(maxMessageSize, MAX_FAILURE_BYTES);
        Message reply = MessageUtil.createReplyMessage(request, body.length > room ? Arrays.copyOf(body, room) : body);
        reply.putUserProperty(MessageBodies.REPLIER_FAILURE, failure.getClass().getName());
        if (message.isEmpty()) {
            reply.putUserProperty(MessageBodies.EMPTY_REPLY, "true");
        }
        send(reply);
    }

    private void send(Message reply) throws Exception {
        // The reply topic is the cluster's <cluster>_REPLY_TOPIC, which no namespace prefixes: the client's send()
        // would make it "ns%<cluster>_REPLY_TOPIC" (unless a broker in this JVM registered the name as a system
        // topic), a topic a broker without auto-creation does not have. The client's own send keeps it as it is.
        DefaultMQProducer sender;
        boolean afterClose;
        synchronized (this) {
            afterClose = closed;
            sender = afterClose ? started() : client();
        }
        try {
            sender.getDefaultMQProducerImpl().send(reply);
        } finally {
            if (afterClose) {
                // a route that outlived its consumer's stop still answers; nothing would stop a client left running
                PromptShutdown.of(sender);
            }
        }
    }

    /** Stops the client; a reply after this (a route that outlived the stop) sends on a client of its own. */
    public synchronized void close() {
        closed = true;
        if (client != null) {
            PromptShutdown.of(client);
            client = null;
        }
    }

    /** Replies go on the consumer's client again, started with the next request: the consumer started again. */
    public synchronized void open() {
        closed = false;
    }

    private DefaultMQProducer client() throws Exception {
        if (client == null) {
            client = started();
        }
        return client;
    }

    /**
     * The broker answers a reply it could not push to its requester (gone, or the push failed) with a system error,
     * having stored the reply all the same: the client's retries of that answer stored it again each time, for no one.
     */
    private DefaultMQProducer started() throws Exception {
        DefaultMQProducer started = clientFactory.get();
        started.getRetryResponseCodes().remove(ResponseCode.SYSTEM_ERROR);
        started.start();
        return started;
    }
}
