package io.rocketcamel.component.rocketmq.saga;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import io.rocketcamel.component.rocketmq.internal.AllocationWatch;
import io.rocketcamel.component.rocketmq.internal.PromptShutdown;
import io.rocketcamel.component.rocketmq.internal.RocketMQClients;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyContext;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The participant's ORDERLY consumer of the saga topic: the broker locks each queue to one instance of the group, so
 * each saga is folded, and its callbacks run, by one instance at a time. The group's committed offset of a queue is
 * held at the start of its replay window (see {@link ReplayWindowOffsetStore}), so whichever instance gets the queue
 * next, after a rebalance or a restart, replays the sagas still open.
 */
final class SagaLogReader implements ReplayWindowOffsetStore.Window {

    private static final Logger LOG = LoggerFactory.getLogger(SagaLogReader.class);
    private static final long SUSPEND_MILLIS = 1000;
    /** How long a stopping consumer lets callbacks in progress finish before it releases its queues. */
    private static final long STOP_GRACE_MILLIS = 30_000;

    private final DefaultMQPushConsumer consumer;
    private final Supplier<SagaFold> folds;
    private final CallbackDriver driver;
    private final Map<MessageQueue, QueueSession> sessions = new ConcurrentHashMap<>();
    private volatile AllocationWatch allocationWatch;

    SagaLogReader(SagaClients clients, String group, String topic, Supplier<SagaFold> folds, CallbackDriver driver)
            throws MQClientException {
        this.folds = folds;
        this.driver = driver;
        consumer = clients.configure(new DefaultMQPushConsumer(group, clients.rpcHook()));
        // a client instance of its own, hooked before it starts: the saga log's producer starts the shared one first
        consumer.setInstanceName(clients.instanceName() + "-reader");
        consumer.subscribe(topic, "*");
        // a new participant reads what the topic holds: a step it joins right after starting may be older than its group
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setConsumeMessageBatchMaxSize(16);
        consumer.setSuspendCurrentQueueTimeMillis(SUSPEND_MILLIS);
        consumer.setAwaitTerminationMillisWhenShutdown(STOP_GRACE_MILLIS);
        consumer.registerMessageListener((MessageListenerOrderly) this::consume);
        ReplayWindowOffsetStore.install(consumer, RocketMQClients.clientWithRebalanceHooks(consumer, clients.rpcHook()),
                this);
    }

    /** @param scheduler where the reader's client is watched for a rebalance round owed ({@link AllocationWatch}) */
    void start(ScheduledExecutorService scheduler) throws MQClientException {
        consumer.start();
        allocationWatch = AllocationWatch.start(consumer, scheduler);
    }

    /** Lets callbacks in progress finish, commits the replay windows and releases the queues to other instances. */
    void stop() {
        if (allocationWatch != null) {
            allocationWatch.stop();
        }
        PromptShutdown.of(consumer);
        sessions.values().forEach(QueueSession::discard);
        sessions.clear();
    }

    @Override
    public long replayStart(MessageQueue queue) {
        QueueSession session = sessions.get(queue);
        return session == null ? Long.MAX_VALUE : session.replayStart();
    }

    @Override
    public void released(MessageQueue queue) {
        QueueSession session = sessions.remove(queue);
        if (session != null) {
            session.discard();
        }
    }

    private ConsumeOrderlyStatus consume(List<MessageExt> messages, ConsumeOrderlyContext context) {
        MessageQueue queue = context.getMessageQueue();
        try {
            for (MessageExt message : messages) {
                session(queue, message).handle(message);
            }
            return ConsumeOrderlyStatus.SUCCESS;
        } catch (RuntimeException e) {
            LOG.warn("Saga queue {} is retried in {} ms: {}", queue, SUSPEND_MILLIS, e.getMessage(), e);
            context.setSuspendCurrentQueueTimeMillis(SUSPEND_MILLIS);
            return ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT;
        }
    }

    private QueueSession session(MessageQueue queue, MessageExt first) {
        QueueSession session = sessions.get(queue);
        if (session != null && session.continuesAt(first.getQueueOffset())) {
            return session;
        }
        if (session != null) {
            session.discard();
        }
        QueueSession started = new QueueSession(folds.get(), driver, queue.toString(), first.getQueueOffset(),
                queueEnd(first));
        sessions.put(queue, started);
        return started;
    }

    /** The queue's end when the message was pulled: the client puts it on every message it pulls. */
    private static long queueEnd(MessageExt message) {
        String maxOffset = message.getProperty(MessageConst.PROPERTY_MAX_OFFSET);
        if (maxOffset == null) {
            // without it the replay's end is unknown, and running callbacks before it could run one a second time
            throw new IllegalStateException("Message " + message.getMsgId() + " of the saga log carries no "
                                            + MessageConst.PROPERTY_MAX_OFFSET);
        }
        return Long.parseLong(maxOffset);
    }
}
