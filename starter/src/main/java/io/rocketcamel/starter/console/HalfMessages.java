package io.rocketcamel.starter.console;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.common.topic.TopicValidator;
import org.apache.rocketmq.remoting.protocol.admin.ConsumeStats;
import org.apache.rocketmq.remoting.protocol.admin.OffsetWrapper;
import org.apache.rocketmq.remoting.protocol.admin.TopicOffset;
import org.apache.rocketmq.remoting.protocol.admin.TopicStatsTable;
import org.apache.rocketmq.remoting.protocol.body.ClusterInfo;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

/**
 * Half (transactional) messages still waiting for an outcome, per broker, read the way the broker's own transaction
 * check reads them: a broker stores each half message in {@code RMQ_SYS_TRANS_HALF_TOPIC} and each decision (commit or
 * rollback) as an offset in a message of {@code RMQ_SYS_TRANS_OP_HALF_TOPIC}; its check advances its own offsets
 * (group {@code CID_RMQ_SYS_TRANS}) past what is settled. Waiting = half messages past the check's offset whose offset
 * no decision names yet. Decisions reach the op topic in batches (every transactionOpBatchInterval, 3 s by default), so
 * a transaction decided within that time still counts as waiting.
 */
final class HalfMessages {

    private static final String HALF = TopicValidator.RMQ_SYS_TRANS_HALF_TOPIC;
    private static final String OP = TopicValidator.RMQ_SYS_TRANS_OP_HALF_TOPIC;
    private static final long TIMEOUT_MILLIS = 3000;

    private HalfMessages() {
    }

    /**
     * @param waiting      half messages no decision was stored for yet
     * @param exact        false when there were more decisions to read than the console reads, and {@code waiting} is
     *                     the upper bound: half messages past the broker's check
     * @param unchecked    half messages stored since the broker's last check passed them
     * @param stored       half messages the broker keeps (settled ones included, until their files are deleted)
     * @param error        why the broker could not be read, else null
     */
    record OnBroker(String brokerName, String brokerAddr, long waiting, boolean exact, long unchecked, long stored,
            String error) {
    }

    /** Each master broker of the cluster. */
    static List<OnBroker> read(DefaultMQAdminExt admin, int maxDecisionMessages) throws Exception {
        ClusterInfo cluster = admin.examineBrokerClusterInfo();
        List<OnBroker> brokers = new ArrayList<>();
        for (BrokerData broker : cluster.getBrokerAddrTable().values()) {
            String address = broker.getBrokerAddrs().get(MixAll.MASTER_ID);
            if (address == null) {
                continue;
            }
            try {
                brokers.add(onBroker(admin, broker.getBrokerName(), address, maxDecisionMessages));
            } catch (Exception e) {
                brokers.add(new OnBroker(broker.getBrokerName(), address, 0, false, 0, 0, String.valueOf(e.getMessage())));
            }
        }
        brokers.sort(Comparator.comparing(OnBroker::brokerName));
        return brokers;
    }

    private static OnBroker onBroker(DefaultMQAdminExt admin, String name, String address, int maxDecisionMessages)
            throws Exception {
        Map<Integer, TopicOffset> half = offsets(admin, address, HALF);
        if (half.isEmpty()) {
            return new OnBroker(name, address, 0, true, 0, 0, null);
        }
        Map<Integer, TopicOffset> op = offsets(admin, address, OP);
        Map<Integer, Long> halfChecked = checked(admin, address, HALF);
        Map<Integer, Long> opChecked = checked(admin, address, OP);
        long waiting = 0;
        long unchecked = 0;
        long stored = 0;
        boolean exact = true;
        for (Map.Entry<Integer, TopicOffset> queue : half.entrySet()) {
            int queueId = queue.getKey();
            long halfMin = queue.getValue().getMinOffset();
            long halfEnd = queue.getValue().getMaxOffset();
            long halfFrom = Math.max(halfMin, halfChecked.getOrDefault(queueId, halfMin));
            stored += halfEnd - halfMin;
            unchecked += halfEnd - halfFrom;
            TopicOffset opOffsets = op.get(queueId);
            long opEnd = opOffsets == null ? 0 : opOffsets.getMaxOffset();
            long opFrom = opOffsets == null ? 0 : Math.max(opOffsets.getMinOffset(),
                    opChecked.getOrDefault(queueId, opOffsets.getMinOffset()));
            if (opEnd - opFrom > maxDecisionMessages) {
                exact = false;
                waiting += halfEnd - halfFrom;
                continue;
            }
            Set<Long> decided = new HashSet<>();
            for (MessageExt decision : BrokerReads.read(admin, address, OP, queueId, opFrom, opEnd)) {
                for (String offset : new String(decision.getBody(), StandardCharsets.UTF_8).split(",")) {
                    if (!offset.isBlank()) {
                        long halfOffset = Long.parseLong(offset.trim());
                        if (halfOffset >= halfFrom && halfOffset < halfEnd) {
                            decided.add(halfOffset);
                        }
                    }
                }
            }
            waiting += halfEnd - halfFrom - decided.size();
        }
        return new OnBroker(name, address, waiting, exact, unchecked, stored, null);
    }

    /** The topic's offsets on the broker by queue; empty while the topic does not exist there. */
    private static Map<Integer, TopicOffset> offsets(DefaultMQAdminExt admin, String address, String topic) throws Exception {
        TopicStatsTable stats;
        try {
            stats = admin.examineTopicStats(address, topic);
        } catch (Exception e) {
            if (BrokerReads.topicMissing(e)) {
                return Map.of();
            }
            throw e;
        }
        Map<Integer, TopicOffset> byQueue = new TreeMap<>();
        stats.getOffsetTable().forEach((queue, offsets) -> byQueue.put(queue.getQueueId(), offsets));
        return byQueue;
    }

    /** How far the broker's transaction check got in the topic, by queue. */
    private static Map<Integer, Long> checked(DefaultMQAdminExt admin, String address, String topic) throws Exception {
        ConsumeStats stats = admin.examineConsumeStats(address, MixAll.CID_SYS_RMQ_TRANS, topic, TIMEOUT_MILLIS);
        Map<Integer, Long> byQueue = new TreeMap<>();
        for (Map.Entry<MessageQueue, OffsetWrapper> queue : stats.getOffsetTable().entrySet()) {
            byQueue.put(queue.getKey().getQueueId(), queue.getValue().getConsumerOffset());
        }
        return byQueue;
    }
}
