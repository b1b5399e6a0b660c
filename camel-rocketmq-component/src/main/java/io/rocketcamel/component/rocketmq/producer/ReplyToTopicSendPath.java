package io.rocketcamel.component.rocketmq.producer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;

import io.rocketcamel.component.rocketmq.ConsumeMode;
import io.rocketcamel.component.rocketmq.MessageModel;
import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.consumer.ExchangeFiller;
import io.rocketcamel.component.rocketmq.consumer.GroupSubscriptions;
import io.rocketcamel.component.rocketmq.consumer.offsets.BrokerOffsetStore;
import io.rocketcamel.component.rocketmq.consumer.offsets.ClientStartOffsets;
import io.rocketcamel.component.rocketmq.internal.AllocationWatch;
import io.rocketcamel.component.rocketmq.internal.ClientActivity;
import io.rocketcamel.component.rocketmq.internal.HeaderMapper;
import io.rocketcamel.component.rocketmq.internal.Namespaces;
import io.rocketcamel.component.rocketmq.internal.PromptShutdown;
import io.rocketcamel.component.rocketmq.internal.RocketMQClients;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * InOut exchanges of an endpoint with Apache camel-rocketmq's replyToTopic: the request carries a generated key
 * ({@value #KEY_PREFIX} and a UUID) among its keys, and the route continues with the first message on replyToTopic
 * whose keys hold that key, as Apache's repliers answer. A consumer of replyToConsumerGroup reads the replies; the
 * group's consumers share them, so each requesting application needs a group of its own. Like a route's consumer, it
 * has an {@link AllocationWatch}: when a requester of the group leaves while a broker does not answer, or queues are
 * added to the reply topic, the replies on those queues would otherwise wait for the client's next round that
 * allocates, 20 s later or more.
 */
@SuppressWarnings("deprecation") // replyToTopic and replyToConsumerGroup are the deprecated Apache names
final class ReplyToTopicSendPath implements SendPath {

    /** Apache camel-rocketmq's prefix, which its repliers and reply managers look for. */
    static final String KEY_PREFIX = "camel-rocketmq-";

    private final QueueChoice queues;
    private final ExchangeFiller replies;
    private final long timeoutMillis;
    private final InOutThreads threads;
    /**
     * The waiting requests of every replyToTopic producer of this JVM, by reply topic and generated key: producers with
     * the same replyToConsumerGroup each run a consumer of the group, and the group's consumers share the reply topic's
     * queues, so a reply reaches whichever of them reads its queue. By topic too: a reply echoes every key of its
     * request, and a request sent while answering another carries that one's key before its own.
     */
    private static final Map<String, Pending> PENDING = new ConcurrentHashMap<>();
    /** This producer's own waiting requests, failed when it stops. */
    private final Set<Pending> own = ConcurrentHashMap.newKeySet();
    private final String replyTopic;
    private final DefaultMQPushConsumer replyConsumer;
    private final ClientStartOffsets replyStarts;
    private final BrokerOffsetStore replyOffsets;
    private final String wrappedReplyTopic;
    private final RocketMQConfiguration replySettings;
    private AutoCloseable groupMembership;
    /** Null where the reply consumer has no allocation to watch. */
    private AllocationWatch allocationWatch;

    private ReplyToTopicSendPath(QueueChoice queues, HeaderMapper headers, RocketMQConfiguration configuration,
                                 InOutThreads threads, String instanceName) throws Exception {
        this.queues = queues;
        this.replies = new ExchangeFiller(headers);
        this.timeoutMillis = configuration.getRequestTimeout();
        this.threads = threads;
        this.replyTopic = configuration.getReplyToTopic();
        RocketMQConfiguration settings = configuration.copy();
        this.replySettings = settings;
        settings.setConsumerGroup(configuration.getReplyToConsumerGroup());
        settings.setTags(null);
        settings.setSubscribeTags(null);
        settings.setSql(null);
        settings.setMessageModel(MessageModel.CLUSTERING);
        settings.setConsumeMode(ConsumeMode.CONCURRENTLY);
        settings.setConsumeBatchSize(1);
        ClientActivity activity = RocketMQClients.activity(settings);
        this.replyConsumer = RocketMQClients.pushConsumer(settings, replyTopic, instanceName, activity);
        this.replyConsumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(this::onReply);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        // a new reply group starts where the reply topic ended as the producer started, before its first request
        this.replyStarts = new ClientStartOffsets(replyConsumer);
        this.replyOffsets = BrokerOffsetStore.install(replyConsumer, activity, replyStarts, false);
        this.wrappedReplyTopic = Namespaces.wrap(settings, replyTopic);
    }

    /**
     * @param requestTopic the topic the producer sends its requests to, naming it in a refusal of its reply group
     * @param watches      the component's thread that watches its consumers' allocations
     */
    static ReplyToTopicSendPath start(QueueChoice queues, HeaderMapper headers, RocketMQConfiguration configuration,
                                      InOutThreads threads, String instanceName, String requestTopic,
                                      ScheduledExecutorService watches) throws Exception {
        ReplyToTopicSendPath path = new ReplyToTopicSendPath(queues, headers, configuration, threads, instanceName);
        path.groupMembership = GroupSubscriptions.registerReplies(path.replySettings, path.replyTopic, requestTopic);
        try {
            path.replyConsumer.start();
            path.replyStarts.consumerStarted(path.wrappedReplyTopic);
            path.allocationWatch = AllocationWatch.start(path.replyConsumer, watches);
        } catch (Exception e) {
            PromptShutdown.of(path.replyConsumer);
            path.groupMembership.close();
            throw e;
        }
        return path;
    }

    @Override
    public boolean send(Exchange exchange, OutgoingMessages outgoing, AsyncCallback callback) throws Exception {
        if (outgoing.fromList()) {
            throw new UnsendableMessageException("An InOut exchange waits for one reply and cannot carry a list body:"
                                                 + " send it InOnly, or send one request per element");
        }
        Message request = outgoing.messages().get(0);
        String key = KEY_PREFIX + UUID.randomUUID();
        List<String> keys = new ArrayList<>();
        if (request.getKeys() != null && !request.getKeys().isBlank()) {
            keys.add(request.getKeys());
        }
        keys.add(key);
        request.setKeys(keys);
        Pending waiting = new Pending(exchange, callback, key, request);
        own.add(waiting);
        PENDING.put(waiting.pendingKey, waiting);
        try {
            waiting.timeout = threads.after(timeoutMillis, waiting::timedOut);
            queues.send(request, outgoing.queueKey(), new SendCallback() {
                @Override
                public void onSuccess(SendResult result) {
                    // the reply completes the exchange
                }

                @Override
                public void onException(Throwable e) {
                    waiting.fail(e);
                }
            });
        } catch (Exception e) {
            waiting.fail(e);
        }
        return true;
    }

    private void onReply(MessageExt reply) {
        if (reply.getKeys() == null) {
            return;
        }
        // the newest key first: a request's own key follows the keys it carried on
        String[] keys = reply.getKeys().split(MessageConst.KEY_SEPARATOR);
        for (int i = keys.length - 1; i >= 0; i--) {
            Pending waiting = PENDING.get(pendingKey(keys[i]));
            if (waiting != null) {
                waiting.answer(reply);
                return;
            }
        }
    }

    @Override
    public void stop() throws Exception {
        if (allocationWatch != null) {
            allocationWatch.stop();
        }
        replyOffsets.stopping();
        PromptShutdown.of(replyConsumer);
        groupMembership.close();
        for (Pending waiting : own) {
            waiting.fail(new IllegalStateException("The RocketMQ producer stopped before the reply on topic " + replyTopic
                                                   + " arrived"));
        }
    }

    private String pendingKey(String key) {
        return replyTopic + "\n" + key;
    }

    /** One request waiting for its reply; the first of reply, failure and timeout completes it. */
    private final class Pending {

        private final Exchange exchange;
        private final AsyncCallback callback;
        private final String key;
        private final String pendingKey;
        private final Message request;
        private volatile ScheduledFuture<?> timeout;

        Pending(Exchange exchange, AsyncCallback callback, String key, Message request) {
            this.exchange = exchange;
            this.callback = callback;
            this.key = key;
            this.pendingKey = pendingKey(key);
            this.request = request;
        }

        void answer(MessageExt reply) {
            if (claim()) {
                SentMessage.requestAnswered(exchange, request);
                // as Apache's reply manager does: the reply with its headers (its topic, keys, id) is the new message
                replies.fillOne(exchange, reply);
                callback.done(false);
            }
        }

        void timedOut() {
            if (claim()) {
                exchange.setException(new ExchangeTimedOutException(exchange, timeoutMillis,
                        "No reply with key " + key + " within requestTimeout=" + timeoutMillis + "ms"));
                threads.resume(callback);
            }
        }

        void fail(Throwable e) {
            if (claim()) {
                exchange.setException(e);
                callback.done(false);
            }
        }

        private boolean claim() {
            if (!PENDING.remove(pendingKey, this)) {
                return false;
            }
            own.remove(this);
            ScheduledFuture<?> scheduled = timeout;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            return true;
        }
    }
}
