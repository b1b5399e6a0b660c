package io.rocketcamel.starter.console;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.rocketcamel.component.rocketmq.console.IndexQuery;
import io.rocketcamel.component.rocketmq.console.IndexQuery.Found;
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
    /** Topics (as the client names them) the name servers know no route for. */
    private final Set<String> missing = new TreeSet<>();

    IndexLookups(DefaultMQAdminExt admin, long timeoutMillis) {
        this.admin = admin;
        this.timeoutMillis = timeoutMillis;
    }

    /** The topic's messages with the key (one of the keys a producer set), at most {@code max} per broker. */
    Found byKey(String topic, String key, int max) throws Exception {
        Found found = IndexQuery.ask(client().getRemotingClient(), route(topic), topic, key,
                MessageConst.INDEX_KEY_TYPE, max, 0, timeoutMillis, silent);
        return new Found(found.messages().stream().filter(message -> topic.equals(message.getTopic())
                && message.getKeys() != null
                && Arrays.asList(message.getKeys().split(MessageConst.KEY_SEPARATOR)).contains(key)).toList(),
                found.unanswered());
    }

    /** The topic's messages with the client's message id, stored from {@code begin} (ms since the epoch) on. */
    Found byUniqueKey(String topic, String id, long begin) throws Exception {
        return IndexQuery.byMessageId(client().getRemotingClient(), route(topic), topic, id, begin, timeoutMillis,
                silent);
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
            MessageExt message = client().viewMessage(address, topic, messageId.getOffset(), timeoutMillis);
            // the broker's answer does not name it
            message.setBrokerName(broker.get().getBrokerName());
            return Optional.of(message);
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

    /** The topics looked up that the name servers know no route for: they do not exist, or no broker serves them. */
    Set<String> missingTopics() {
        return missing;
    }

    /** Every broker that did not answer a look-up of this instance, by name: why. */
    Map<String, String> unanswered() {
        return silent.byName();
    }

    /** The brokers that did not answer within this instance's page or request: other look-ups of it skip them. */
    UnansweredBrokers silent() {
        return silent;
    }

    private List<BrokerData> route(String topic) throws Exception {
        TopicRouteData route;
        try {
            route = admin.examineTopicRouteInfo(topic);
        } catch (MQClientException e) {
            if (BrokerReads.topicMissing(e)) {
                missing.add(topic);
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
