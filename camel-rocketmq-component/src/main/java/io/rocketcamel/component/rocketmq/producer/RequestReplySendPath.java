package io.rocketcamel.component.rocketmq.producer;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.rocketcamel.component.rocketmq.RocketMQReplyException;
import io.rocketcamel.component.rocketmq.internal.HeaderMapper;
import io.rocketcamel.component.rocketmq.internal.MessageBodies;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.support.DefaultMessage;
import org.apache.rocketmq.client.exception.RequestTimeoutException;
import org.apache.rocketmq.client.producer.RequestCallback;
import org.apache.rocketmq.client.producer.RequestFutureHolder;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageClientIDSetter;
import org.apache.rocketmq.common.message.MessageConst;

/**
 * InOut exchanges: sent as a RocketMQ request (RIP-16), the route continues with the reply as its message. The broker
 * routes the reply back to this client; no reply topic or correlation is managed here. Each exchange completes once,
 * whichever comes first of the reply, the timeout and the producer's stop. The timeout is kept here: the client's scan
 * of expired requests runs once a second, from 3 s after its first producer started, so it fails a request up to a
 * second late, more on a fresh producer.
 */
final class RequestReplySendPath implements SendPath {

    private final QueueChoice queues;
    private final HeaderMapper headers;
    private final long timeoutMillis;
    private final InOutThreads threads;
    private final Set<PendingRequest> pending = ConcurrentHashMap.newKeySet();

    RequestReplySendPath(QueueChoice queues, HeaderMapper headers, long timeoutMillis, InOutThreads threads) {
        this.queues = queues;
        this.headers = headers;
        this.timeoutMillis = timeoutMillis;
        this.threads = threads;
    }

    @Override
    public boolean send(Exchange exchange, OutgoingMessages outgoing, AsyncCallback callback) throws Exception {
        if (outgoing.fromList()) {
            throw new UnsendableMessageException(
                    "An InOut exchange is sent as one RocketMQ request and cannot carry a list body as a batch:"
                                                 + " send it InOnly, or send one request per element");
        }
        Message request = outgoing.messages().get(0);
        PendingRequest reply = new PendingRequest(exchange, callback, request);
        pending.add(reply);
        try {
            reply.timeout = threads.after(timeoutMillis, reply::timedOut);
            queues.request(request, outgoing.queueKey(), reply, timeoutMillis);
        } catch (Exception e) {
            // the refusal fails the exchange unless its timeout or the producer's stop already did
            if (reply.complete()) {
                throw e;
            }
        }
        if (reply.completed.get()) {
            // completed while the client registered it
            reply.forgetInClient();
        }
        return true;
    }

    /** The client keeps no list of requests it could fail; their exchanges would wait out their timeout. */
    @Override
    public void stop() {
        for (PendingRequest request : pending) {
            request.onException(new IllegalStateException("The RocketMQ producer stopped before the reply to the"
                                                          + " request on topic " + request.topic + " arrived"));
        }
    }

    /**
     * One request waiting for its reply; completes its exchange exactly once. The 5.5 client may call it several times
     * for one request (apache/rocketmq#10613): {@code onSuccess(null)} as soon as the request is stored, and both the
     * reply and the timeout when they race.
     */
    final class PendingRequest implements RequestCallback {

        private final Exchange exchange;
        private final AsyncCallback callback;
        private final Message request;
        private final String topic;
        private final AtomicBoolean completed = new AtomicBoolean();
        private volatile ScheduledFuture<?> timeout;
        private volatile boolean stored;

        PendingRequest(Exchange exchange, AsyncCallback callback, Message request) {
            this.exchange = exchange;
            this.callback = callback;
            this.request = request;
            this.topic = request.getTopic();
        }

        @Override
        public void onSuccess(Message reply) {
            // null: the request was stored, its reply is still to come
            if (reply == null) {
                stored = true;
                return;
            }
            if (!complete()) {
                return;
            }
            SentMessage.requestAnswered(exchange, request);
            String replierFailure = reply.getProperty(MessageBodies.REPLIER_FAILURE);
            if (replierFailure != null) {
                exchange.setException(new RocketMQReplyException(topic, replierFailure,
                        new String(MessageBodies.replyBody(reply), StandardCharsets.UTF_8), exchange));
                threads.resume(callback);
                return;
            }
            // the reply replaces the request, as camel-jms's does: the request's headers (one meant for its send, an
            // order key, a delivery time) went on beside the reply's to the route's next send
            org.apache.camel.Message message = new DefaultMessage(exchange);
            message.setBody(MessageBodies.replyBody(reply));
            MessageAccessor.clearProperty(reply, MessageBodies.EMPTY_REPLY);
            headers.toHeaders(reply, message, exchange);
            exchange.setMessage(message);
            threads.resume(callback);
        }

        @Override
        public void onException(Throwable e) {
            if (e instanceof RequestTimeoutException) {
                timedOut();
            } else if (complete()) {
                exchange.setException(e);
                callback.done(false);
            }
        }

        void timedOut() {
            if (complete()) {
                exchange.setException(new ExchangeTimedOutException(exchange, timeoutMillis, noReply()));
                threads.resume(callback);
            }
        }

        /**
         * An exchange is InOut behind platform-http, rest or requestBody without the route choosing it: such a route
         * waited here for a reply no one sends, where it meant only to send, and learnt only that none came.
         */
        private String noReply() {
            return "No reply to the request on topic " + topic + " within requestTimeout=" + timeoutMillis + "ms. The"
                   + " request " + (stored ? "was stored" : "was not yet stored, and may still be")
                   + " (message id " + MessageClientIDSetter.getUniqID(request) + "): an InOut exchange sent to"
                   + " rocketmq: is a request, answered by a rocketmq: route consuming the topic. To send without"
                   + " waiting for a reply, send it with to(ExchangePattern.InOnly, ...)";
        }

        /**
         * The client registers a request, and with it this exchange, before it looks for a route and before it sends;
         * it forgets it on a reply or once its scan finds it expired. A request refused or timed out here, or failed
         * as the producer stops, would stay up to a requestTimeout, or for good once no producer of the JVM scans.
         */
        private void forgetInClient() {
            String correlationId = request.getProperty(MessageConst.PROPERTY_CORRELATION_ID);
            if (correlationId != null) {
                RequestFutureHolder.getInstance().getRequestFutureTable().remove(correlationId);
            }
        }

        private boolean complete() {
            if (!completed.compareAndSet(false, true)) {
                return false;
            }
            pending.remove(this);
            ScheduledFuture<?> scheduled = timeout;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            forgetInClient();
            return true;
        }
    }
}
