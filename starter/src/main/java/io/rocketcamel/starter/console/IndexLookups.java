package io.rocketcamel.starter.console;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.rocketcamel.component.rocketmq.console.BrokerRound;
import io.rocketcamel.component.rocketmq.console.IndexQuery;
import io.rocketcamel.component.rocketmq.console.UnansweredBrokers;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageId;
import org.apache.rocketmq.common.utils.NetworkUtil;
import org.apache.rocketmq.remoting.exception.RemotingException;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

/**
 * Look-ups of stored messages by key or message id that say which brokers did not answer. RocketMQ's admin look-up
 * asks each broker of the topic and counts one that fails or hangs as having nothing, so its "not found" may mean
 * "not asked": a console would re-send a dead letter again that another console re-sent to that broker, and a search
 * would answer no message while one is stored. One instance serves one page or one request: a broker that did not
 * answer is not asked again within it, so a hung broker costs the request one timeout, not one per dead letter.
 */
final class IndexLookups {

    private final DefaultMQAdminExt admin;
    private final long timeoutMillis;
    private final UnansweredBrokers silent = new UnansweredBrokers();

    /** What the brokers that answered hold, and why each other one of the topic did not answer (by broker name). */
    record Found(List<MessageExt> messages, Map<String, String> unanswered) {
    }

    IndexLookups(DefaultMQAdminExt admin, long timeoutMillis) {
        this.admin = admin;
        this.timeoutMillis = timeoutMillis;
    }

    /** The topic's messages with the key (one of the keys a producer set), at most {@code max} per broker. */
    Found byKey(String topic, String key, int max) throws Exception {
        Found found = query(topic, key, MessageConst.INDEX_KEY_TYPE, max, 0);
        return new Found(found.messages().stream().filter(message -> topic.equals(message.getTopic())
                && message.getKeys() != null
                && Arrays.asList(message.getKeys().split(MessageConst.KEY_SEPARATOR)).contains(key)).toList(),
                found.unanswered());
    }

    /** The topic's messages with the client's message id, stored from {@code begin} (ms since the epoch) on. */
    Found byUniqueKey(String topic, String id, long begin) throws Exception {
        Found found = query(topic, id, MessageConst.INDEX_UNIQUE_TYPE, 0, begin);
        // the index keeps hashes: another id may share one
        return new Found(found.messages().stream().filter(message -> id.equals(message.getMsgId())).toList(),
                found.unanswered());
    }

    /**
     * The message at a broker's offset id, when the id names a broker of the topic; empty when it does not (a client's
     * message id reads as an address too, which is no broker's) or that broker holds nothing there.
     */
    Optional<MessageExt> byOffsetId(String topic, String id) throws Exception {
        MessageId messageId;
        try {
            messageId = MessageDecoder.decodeMessageId(id);
        } catch (Exception notAnOffsetId) {
            return Optional.empty();
        }
        String address = NetworkUtil.socketAddress2String(messageId.getAddress());
        Optional<BrokerData> broker = route(topic).stream()
                .filter(data -> data.getBrokerAddrs().containsValue(address)).findFirst();
        if (broker.isEmpty() || silent.earlier(address) != null) {
            return Optional.empty();
        }
        try {
            return Optional.of(client().viewMessage(address, topic, messageId.getOffset(), timeoutMillis));
        } catch (MQBrokerException e) {
            if (e.getResponseCode() == ResponseCode.SYSTEM_ERROR) {
                return Optional.empty(); // the broker answered that nothing is stored at that offset
            }
            silent.refused(broker.get().getBrokerName(), address, "answered " + e.getResponseCode() + ": "
                                                                  + e.getErrorMessage());
        } catch (RemotingException e) {
            silent.record(broker.get().getBrokerName(), address, e.getMessage());
        }
        return Optional.empty();
    }

    /** Every broker that did not answer a look-up of this instance, by name: why. */
    Map<String, String> unanswered() {
        return silent.byName();
    }

    /** The brokers that did not answer within this instance's page or request: other look-ups of it skip them. */
    UnansweredBrokers silent() {
        return silent;
    }

    private Found query(String topic, String key, String indexType, int max, long begin) throws Exception {
        Map<String, String> noAddress = new TreeMap<>();
        List<BrokerRound.Broker> brokers = new ArrayList<>();
        for (BrokerData broker : route(topic)) {
            // a slave's address, picked at random, when the master has none: the one asked is the one named
            String address = broker.selectBrokerAddr();
            if (address == null) {
                noAddress.put(broker.getBrokerName(), silent.refused(broker.getBrokerName(), null, "no address known"));
            } else {
                brokers.add(new BrokerRound.Broker(broker.getBrokerName(), address));
            }
        }
        BrokerRound.Answers answers = BrokerRound.ask(client().getRemotingClient(), brokers,
                broker -> IndexQuery.request(topic, key, indexType, max, begin),
                Set.of(ResponseCode.SUCCESS, ResponseCode.QUERY_NOT_FOUND), timeoutMillis, silent);
        List<MessageExt> messages = new ArrayList<>();
        answers.answers().values().stream().filter(answer -> answer.getCode() == ResponseCode.SUCCESS)
                .forEach(answer -> messages.addAll(MessageDecoder.decodes(ByteBuffer.wrap(answer.getBody()), true)));
        Map<String, String> unanswered = new TreeMap<>(answers.unanswered());
        unanswered.putAll(noAddress);
        return new Found(messages, unanswered);
    }

    private List<BrokerData> route(String topic) throws Exception {
        TopicRouteData route;
        try {
            route = admin.examineTopicRouteInfo(topic);
        } catch (MQClientException e) {
            if (BrokerReads.topicMissing(e)) {
                return List.of();
            }
            throw e;
        }
        return route.getBrokerDatas();
    }

    private MQClientAPIImpl client() {
        return admin.getDefaultMQAdminExtImpl().getMqClientInstance().getMQClientAPIImpl();
    }
}
