package io.rocketcamel.starter.console;

import java.util.ArrayList;
import java.util.List;

import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.utils.NetworkUtil;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.remoting.protocol.body.ConsumeQueueData;
import org.apache.rocketmq.remoting.protocol.body.QueryConsumeQueueResponseBody;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

/**
 * Reading messages of a queue without consuming them: the broker's consume queue gives each message's commit-log
 * position, the broker then answers a view of the message at that position. No consumer group, no offset moves, and
 * it works on topics clients may not pull from (dead-letter and transaction topics).
 */
final class BrokerReads {

    private BrokerReads() {
    }

    /** The messages of the queue from {@code from} (inclusive) to {@code to} (exclusive). */
    static List<MessageExt> read(DefaultMQAdminExt admin, String brokerAddr, String topic, int queueId, long from, long to)
            throws Exception {
        List<MessageExt> messages = new ArrayList<>();
        long next = from;
        while (next < to) {
            // a broker answers up to the end of one consume-queue file (300,000 entries by default): ask on from there
            QueryConsumeQueueResponseBody queue = admin.queryConsumeQueue(brokerAddr, topic, queueId, next,
                    (int) (to - next), null);
            if (queue == null || queue.getQueueData() == null || queue.getQueueData().isEmpty()) {
                return messages;
            }
            for (ConsumeQueueData entry : queue.getQueueData()) {
                String offsetId = MessageDecoder.createMessageId(NetworkUtil.string2SocketAddress(brokerAddr),
                        entry.getPhysicOffset());
                messages.add(admin.viewMessage(topic, offsetId));
            }
            next += queue.getQueueData().size();
        }
        return messages;
    }

    /** Whether the broker answered that the topic does not exist (yet): for a DLQ or a system topic, nothing to read. */
    static boolean topicMissing(Exception e) {
        return e instanceof MQClientException client && client.getResponseCode() == ResponseCode.TOPIC_NOT_EXIST
               || e instanceof org.apache.rocketmq.client.exception.MQBrokerException broker
                  && broker.getResponseCode() == ResponseCode.TOPIC_NOT_EXIST;
    }
}
