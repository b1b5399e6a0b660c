package io.rocketcamel.component.rocketmq.consumer.offsets;

import java.util.Map;

import io.rocketcamel.component.rocketmq.console.GroupOffsets;
import io.rocketcamel.component.rocketmq.console.UnansweredBrokers;
import io.rocketcamel.component.rocketmq.internal.Causes;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.impl.MQAdminImpl;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.admin.OffsetWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a clustering group had consumed of a topic when this consumer started, read before the consumer's first
 * rebalance can store anything. consumeFromWhere says where a new group starts; a group that had consumed the topic and
 * holds no offset on one of its queues (added while the whole group was stopped, or on a broker the group never saw)
 * would start there at the queue's end (LAST_OFFSET, whenever the broker offers no start of its own) or at
 * consumeTimestamp, skipping what was stored there while it was stopped. Such a queue starts at the first message
 * stored since the newest message the group had consumed on the topic, by the brokers' clocks, less
 * {@link ClientStartOffsets#CLOCK_ALLOWANCE_MILLIS}; never later than consumeFromWhere would start it.
 *
 * <p>A member of a new group that starts while another is storing its first starts reads that group as one that had
 * consumed: what it replays is bounded by the newest message the other member found at its start.
 */
final class GroupHistory {

    private static final Logger LOG = LoggerFactory.getLogger(GroupHistory.class);
    private static final long TIMEOUT_MILLIS = 5000;
    private static final GroupHistory NEW_GROUP = new GroupHistory(false, 0);

    private final boolean consumedBefore;
    /** The store time of the newest message the group had consumed on the topic; 0 when no broker still holds one. */
    private final long lastConsumedMillis;

    private GroupHistory(boolean consumedBefore, long lastConsumedMillis) {
        this.consumedBefore = consumedBefore;
        this.lastConsumedMillis = lastConsumedMillis;
    }

    static GroupHistory newGroup() {
        return NEW_GROUP;
    }

    /**
     * @param group the group as the brokers know it (with the namespace)
     * @param topic the topic as the brokers know it
     */
    static GroupHistory read(MQClientInstance client, String group, String topic) {
        GroupOffsets.Answer answer;
        try {
            answer = GroupOffsets.readTopicAnswered(client.getMQClientAPIImpl(), group, topic, TIMEOUT_MILLIS);
        } catch (Exception e) {
            if (Causes.topicAbsent(e)) {
                // created after this start, so never consumed by the group
                return NEW_GROUP;
            }
            LOG.warn("Cannot read what consumer group {} consumed of {} before this start ({}): a queue the group"
                     + " holds no offset on starts as consumeFromWhere starts a new group", group, topic, e.toString());
            return NEW_GROUP;
        }
        boolean consumed = false;
        long lastConsumed = 0;
        for (Map.Entry<MessageQueue, OffsetWrapper> queue : answer.stats().getOffsetTable().entrySet()) {
            // the brokers answer 0 for a queue the group holds no offset on
            if (queue.getKey().getTopic().equals(topic) && queue.getValue().getConsumerOffset() > 0) {
                consumed = true;
                lastConsumed = Math.max(lastConsumed, queue.getValue().getLastTimestamp());
            }
        }
        if (!answer.unanswered().isEmpty()) {
            // what the others hold tells a group that had consumed; its newest consumed message may be on a broker
            // that did not answer, so the start is earlier than it could be (duplicates, not loss)
            LOG.warn("Consumer group {} started while {}: what it had consumed of {} is read from the other brokers{}",
                    group, UnansweredBrokers.describe(answer.unanswered()), topic, consumed
                            ? "; a queue it holds no offset on starts at the first message stored since the newest"
                              + " one it had consumed there"
                            : ", where it had consumed nothing: a queue it holds no offset on starts as"
                              + " consumeFromWhere starts a new group");
        }
        return consumed ? new GroupHistory(true, lastConsumed) : NEW_GROUP;
    }

    /**
     * Where the group starts on a queue of the topic it holds no offset on.
     *
     * @param consumeFromWhereStart where consumeFromWhere starts a new group there
     */
    long startOffset(MessageQueue queue, long consumeFromWhereStart, MQAdminImpl admin) throws MQClientException {
        if (!consumedBefore) {
            return consumeFromWhereStart;
        }
        long sinceLastConsumed = lastConsumedMillis == 0 ? admin.minOffset(queue)
                : admin.searchOffset(queue, lastConsumedMillis - ClientStartOffsets.CLOCK_ALLOWANCE_MILLIS);
        return Math.min(consumeFromWhereStart, sinceLastConsumed);
    }
}
