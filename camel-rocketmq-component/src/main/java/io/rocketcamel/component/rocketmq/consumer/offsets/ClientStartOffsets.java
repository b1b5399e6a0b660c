package io.rocketcamel.component.rocketmq.consumer.offsets;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.rocketcamel.component.rocketmq.internal.Causes;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.impl.MQAdminImpl;
import org.apache.rocketmq.common.UtilAll;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a consumer with no stored offset starts on a queue, for its consumeFromWhere: the end the queue had when the
 * consumer started (LAST_OFFSET), its beginning (FIRST_OFFSET), or the first message stored at or after
 * consumeTimestamp (TIMESTAMP). RocketMQ's client reads the end only when its rebalance gives it the queue, which its
 * rebalance service does no sooner than a second after the client started: a message sent right after the route had
 * started lay before that end and was never consumed (a new clustering group on a long-lived topic, every new
 * broadcast node). So the ends are read once, as the consumer starts ({@link #consumerStarted}); a queue added to
 * the topic since, or a topic created since, holds only later messages and is read from its start. A queue of a
 * broker the topic's route did not name then (away, or added since) may hold older messages too: it is read from the
 * first message that broker stored since the start, by its clock, less {@link #CLOCK_ALLOWANCE_MILLIS} so that a
 * broker clock behind this host's replays a little rather than skips; so is a queue of a broker that did not answer.
 *
 * <p>The rebalance that gives the consumer its first queues may come before those reads are done (a broker that does
 * not answer stretches them to its timeout): a start decided then would be decided without them, so
 * {@link #startOffset} waits for them, at most {@link #START_READ_WAIT_MILLIS}.
 */
public final class ClientStartOffsets implements DirectoryOffsetStore.StartOffsets {

    private static final Logger LOG = LoggerFactory.getLogger(ClientStartOffsets.class);
    /** How far a broker's clock may be behind this host's without a message stored after the start being skipped. */
    static final long CLOCK_ALLOWANCE_MILLIS = 10_000;
    /** Longer than the reads made at start take, each bounded by its timeout; past it the rebalance asks again. */
    private static final long START_READ_WAIT_MILLIS = 60_000;

    private final DefaultMQPushConsumer consumer;
    /** Made right before the consumer starts: a message any broker stored since came after the start. */
    private final long startedMillis = System.currentTimeMillis();
    /** LAST_OFFSET: each queue's end when the consumer started; a queue missing here is read when it is asked for. */
    private volatile Map<MessageQueue, Long> endsAtStart = Map.of();
    /** LAST_OFFSET: the topic did not exist when the consumer started, so all its messages came after the start. */
    private volatile boolean topicCreatedAfterStart;
    private final CountDownLatch startRead = new CountDownLatch(1);

    public ClientStartOffsets(DefaultMQPushConsumer consumer) {
        this.consumer = consumer;
    }

    /**
     * Reads where LAST_OFFSET starts on each queue of the topic (its name as the client knows it, with the namespace);
     * called right after the client started, before the route counts as started, and after the group's history was
     * read ({@link BrokerOffsetStore#consumerStarted}). Starts wait for it.
     */
    public void consumerStarted(String topic) {
        try {
            if (consumer.getConsumeFromWhere() == ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET) {
                readEnds(topic);
            }
        } finally {
            startRead.countDown();
        }
    }

    private void readEnds(String topic) {
        MQAdminImpl admin = admin();
        Map<MessageQueue, Long> ends = new HashMap<>();
        Map<String, String> unanswered = new LinkedHashMap<>();
        try {
            for (MessageQueue queue : admin.fetchSubscribeMessageQueues(topic)) {
                // a broker that does not answer would make each of its queues wait out the timeout
                if (!unanswered.containsKey(queue.getBrokerName())) {
                    readEnd(admin, queue, ends, unanswered);
                }
            }
        } catch (MQClientException e) {
            if (Causes.topicAbsent(e)) {
                topicCreatedAfterStart = true;
                return;
            }
            LOG.warn("Cannot read where the queues of {} end as consumer group {} starts ({}): a queue the group has no"
                     + " offset on starts at the first message its broker stored since, by the broker's clock, less {} ms",
                    topic, consumer.getConsumerGroup(), e.getMessage(), CLOCK_ALLOWANCE_MILLIS);
            return;
        }
        if (!unanswered.isEmpty()) {
            LOG.warn("Cannot read where the queues of {} on {} end as consumer group {} starts ({}): a queue of theirs"
                     + " the group has no offset on starts at the first message its broker stored since, by the"
                     + " broker's clock, less {} ms", topic, unanswered.keySet(), consumer.getConsumerGroup(),
                    unanswered.values(), CLOCK_ALLOWANCE_MILLIS);
        }
        endsAtStart = Map.copyOf(ends);
    }

    private static void readEnd(MQAdminImpl admin, MessageQueue queue, Map<MessageQueue, Long> ends,
                                Map<String, String> unanswered) {
        try {
            ends.put(queue, admin.maxOffset(queue));
        } catch (MQClientException e) {
            unanswered.put(queue.getBrokerName(), e.getMessage());
        }
    }

    @Override
    public long startOffset(MessageQueue mq) throws MQClientException {
        awaitStartRead();
        MQAdminImpl admin = admin();
        return switch (consumer.getConsumeFromWhere()) {
            case CONSUME_FROM_FIRST_OFFSET -> 0L;
            case CONSUME_FROM_TIMESTAMP -> admin.searchOffset(mq,
                    UtilAll.parseDate(consumer.getConsumeTimestamp(), UtilAll.YYYYMMDDHHMMSS).getTime());
            default -> topicCreatedAfterStart ? 0L : endAtStart(mq, admin);
        };
    }

    private long endAtStart(MessageQueue mq, MQAdminImpl admin) throws MQClientException {
        Long end = endsAtStart.get(mq);
        if (end != null) {
            return end;
        }
        // a queue its broker did not have then was added since; a broker unknown then may hold older messages
        boolean brokerKnownAtStart = endsAtStart.keySet().stream()
                .anyMatch(known -> known.getBrokerName().equals(mq.getBrokerName()));
        return brokerKnownAtStart ? 0L : admin.searchOffset(mq, startedMillis - CLOCK_ALLOWANCE_MILLIS);
    }

    private void awaitStartRead() throws MQClientException {
        try {
            if (!startRead.await(START_READ_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new MQClientException("the reads made as the consumer started took longer than "
                                            + START_READ_WAIT_MILLIS + " ms", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MQClientException("interrupted waiting for the reads made as the consumer started", e);
        }
    }

    private MQAdminImpl admin() {
        return consumer.getDefaultMQPushConsumerImpl().getmQClientFactory().getMQAdminImpl();
    }
}
