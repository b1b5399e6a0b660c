package io.rocketcamel.component.rocketmq.consumer.offsets;

import java.util.HashMap;
import java.util.Map;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.impl.MQAdminImpl;
import org.apache.rocketmq.common.UtilAll;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
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
 * broker clock behind this host's replays a little rather than skips.
 */
public final class ClientStartOffsets implements DirectoryOffsetStore.StartOffsets {

    private static final Logger LOG = LoggerFactory.getLogger(ClientStartOffsets.class);
    /** How far a broker's clock may be behind this host's without a message stored after the start being skipped. */
    static final long CLOCK_ALLOWANCE_MILLIS = 10_000;

    private final DefaultMQPushConsumer consumer;
    /** Made right before the consumer starts: a message any broker stored since came after the start. */
    private final long startedMillis = System.currentTimeMillis();
    /** LAST_OFFSET: each queue's end when the consumer started; a queue missing here is read when it is asked for. */
    private volatile Map<MessageQueue, Long> endsAtStart = Map.of();
    /** LAST_OFFSET: the topic did not exist when the consumer started, so all its messages came after the start. */
    private volatile boolean topicCreatedAfterStart;

    public ClientStartOffsets(DefaultMQPushConsumer consumer) {
        this.consumer = consumer;
    }

    /**
     * Reads where LAST_OFFSET starts on each queue of the topic (its name as the client knows it, with the namespace);
     * called right after the client started, before the route counts as started.
     */
    public void consumerStarted(String topic) {
        if (consumer.getConsumeFromWhere() != ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET) {
            return;
        }
        MQAdminImpl admin = admin();
        Map<MessageQueue, Long> ends = new HashMap<>();
        try {
            for (MessageQueue queue : admin.fetchSubscribeMessageQueues(topic)) {
                ends.put(queue, admin.maxOffset(queue));
            }
        } catch (MQClientException e) {
            if (topicAbsent(e)) {
                topicCreatedAfterStart = true;
                return;
            }
            LOG.warn("Cannot read where the queues of {} end as consumer group {} starts ({}): a queue the group has no"
                     + " offset on starts at the first message its broker stored since, by the broker's clock, less {} ms",
                    topic, consumer.getConsumerGroup(), e.getMessage(), CLOCK_ALLOWANCE_MILLIS);
            return;
        }
        endsAtStart = Map.copyOf(ends);
    }

    @Override
    public long startOffset(MessageQueue mq) throws MQClientException {
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

    private MQAdminImpl admin() {
        return consumer.getDefaultMQPushConsumerImpl().getmQClientFactory().getMQAdminImpl();
    }

    /** The name server's "no such topic", which the client's admin wraps. */
    static boolean topicAbsent(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MQClientException client && client.getResponseCode() == ResponseCode.TOPIC_NOT_EXIST) {
                return true;
            }
        }
        return false;
    }
}
