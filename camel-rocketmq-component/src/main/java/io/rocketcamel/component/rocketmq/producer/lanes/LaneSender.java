package io.rocketcamel.component.rocketmq.producer.lanes;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.rocketcamel.component.rocketmq.internal.Namespaces;
import io.rocketcamel.component.rocketmq.producer.BatchSplitter;
import io.rocketcamel.component.rocketmq.producer.OutgoingMessages;
import io.rocketcamel.component.rocketmq.producer.QueueChoice;
import io.rocketcamel.component.rocketmq.producer.SendResults;
import io.rocketcamel.component.rocketmq.producer.UnfinishedSends;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends exchanges through lanes: one per topic for messages without an order key, one per queue for those with one.
 * A lane coalesces single-message exchanges into RocketMQ batches (up to batchSize); an ordered lane has one send on
 * its way at a time and retries a failed one in place, so the messages of a key are stored in the order their
 * exchanges arrived. Exchanges complete asynchronously when their messages are acknowledged.
 */
public final class LaneSender {

    private static final Logger LOG = LoggerFactory.getLogger(LaneSender.class);

    /**
     * Batches of one unordered lane on their way at once: enough to keep the broker busy while the next batch fills,
     * few enough that batches still fill under load.
     */
    private static final int UNORDERED_SLOTS = 4;

    private final QueueChoice queues;
    private final SendResults results;
    private final ScheduledExecutorService scheduler;
    private final Settings settings;
    private final SendBuffer buffer;
    private final Map<LaneKey, SendLane> lanes = new ConcurrentHashMap<>();
    private final UnfinishedSends unfinished = new UnfinishedSends();
    private final AtomicBoolean warnedOfBrokerLimit = new AtomicBoolean();
    private volatile boolean flushing;

    /**
     * @param batchSize      most messages in one batch; 1 sends every message on its own (ordered ASYNC sends)
     * @param sendTimeoutMillis how long a caller waits for buffer room, and an ordered lane retries a failed send
     */
    public record Settings(int batchSize, long lingerMillis, int maxMessageSize, long bufferBytes, long sendTimeoutMillis,
                           String namespace) {
    }

    private record LaneKey(String topic, MessageQueue queue) {
    }

    public LaneSender(QueueChoice queues, SendResults results, ScheduledExecutorService scheduler, Settings settings) {
        this.queues = queues;
        this.results = results;
        this.scheduler = scheduler;
        this.settings = settings;
        this.buffer = new SendBuffer(settings.bufferBytes(), settings.sendTimeoutMillis());
    }

    public void add(Exchange exchange, OutgoingMessages outgoing, AsyncCallback callback) throws Exception {
        if (outgoing.severalDestinations()) {
            new SeveralDestinationsSend(this, exchange, outgoing.byDestination(), callback).start();
        } else {
            addOneDestination(exchange, outgoing, callback, false);
        }
    }

    /**
     * @param reserved whether the caller took the buffer room already ({@link #reserve}); released here when the
     *                 messages cannot be added
     */
    void addOneDestination(Exchange exchange, OutgoingMessages outgoing, AsyncCallback callback, boolean reserved)
            throws Exception {
        Message first = outgoing.messages().get(0);
        // a packed batch names its topic with the namespace, a single message without: one queue, one lane
        String topic = Namespaces.wrap(settings.namespace(), first.getTopic());
        long bytes = bytesOf(outgoing);
        boolean alone = outgoing.batchable() && BatchSplitter.sentAlone(bytes, settings.maxMessageSize());
        MessageQueue queue;
        try {
            queue = outgoing.queueKey() == null ? null
                    : queues.queueOf(first, outgoing.queueKey(), settings.sendTimeoutMillis());
        } catch (Exception e) {
            if (reserved) {
                buffer.release(bytes);
            }
            throw e;
        }
        if (!reserved) {
            buffer.reserve(bytes, topic);
        }
        try {
            unfinished.take(topic);
        } catch (IllegalStateException stopping) {
            buffer.release(bytes);
            throw stopping;
        }
        lanes.computeIfAbsent(new LaneKey(topic, queue), k -> new SendLane(this, topic, queue,
                queue == null ? UNORDERED_SLOTS : 1))
                .add(new WaitingExchange(exchange, callback, outgoing, bytes, System.nanoTime(), alone));
    }

    static long bytesOf(OutgoingMessages outgoing) {
        long bytes = 0;
        for (Message message : outgoing.messages()) {
            bytes += BatchSplitter.encodedSize(message);
        }
        return bytes;
    }

    /** Waits up to the send timeout for buffer room, as {@link #add} does. */
    void reserve(long bytes, String topic) throws InterruptedException {
        buffer.reserve(bytes, topic);
    }

    void release(long bytes) {
        buffer.release(bytes);
    }

    /**
     * Sends what is waiting at once, waits up to the send timeout for the acknowledgements, and fails the exchanges
     * still unacknowledged then.
     */
    public void stop() throws InterruptedException {
        flushing = true;
        lanes.values().forEach(SendLane::dispatch);
        unfinished.stop(settings.sendTimeoutMillis());
        flushing = false;
        lanes.values().forEach(SendLane::failAll);
    }

    /**
     * The broker refused a batch as over its own maxMessageSize, lower than the endpoint's: every batch that large pays
     * a second round, one message per send, so the user learns why, once per producer.
     */
    void batchOverBrokerLimit(Throwable refusal) {
        if (warnedOfBrokerLimit.compareAndSet(false, true)) {
            LOG.warn("{}. This endpoint's maxMessageSize={} bytes is above the broker's limit: the batch's exchanges are"
                     + " sent again one message per send, as is every batch that large, which costs throughput. Set"
                     + " maxMessageSize to the broker's limit (logged once per producer)", refusal.getMessage(),
                    settings.maxMessageSize());
        }
    }

    void completed(WaitingExchange entry) {
        buffer.release(entry.bytes());
        unfinished.completed();
        entry.callback().done(false);
    }

    QueueChoice queues() {
        return queues;
    }

    SendResults results() {
        return results;
    }

    Settings settings() {
        return settings;
    }

    ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        return scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    }

    boolean isSending() {
        return !unfinished.isStopping() || flushing;
    }

    boolean isFlushing() {
        return flushing;
    }
}
