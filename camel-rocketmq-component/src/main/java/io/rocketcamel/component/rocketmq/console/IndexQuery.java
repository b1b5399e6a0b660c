package io.rocketcamel.component.rocketmq.console;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.remoting.RemotingClient;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.remoting.protocol.header.QueryMessageRequestHeader;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;

/**
 * A topic's index look-up on every broker of its route at once ({@link BrokerRound}), saying which brokers did not
 * answer: their "nothing found" is not "not stored".
 */
public final class IndexQuery {

    /** What the brokers that answered hold, and why each other one of the topic did not answer (by broker name). */
    public record Found(List<MessageExt> messages, Map<String, String> unanswered) {
    }

    private IndexQuery() {
    }

    /** The topic's messages with the client's message id, stored from {@code begin} (ms since the epoch) on. */
    public static Found byMessageId(RemotingClient client, List<BrokerData> route, String topic, String id,
                                    long begin, long timeoutMillis, UnansweredBrokers silent) {
        Found found = ask(client, route, topic, id, MessageConst.INDEX_UNIQUE_TYPE, 0, begin, timeoutMillis, silent);
        // the index keeps hashes: another id may share one
        return new Found(found.messages().stream().filter(message -> id.equals(message.getMsgId())).toList(),
                found.unanswered());
    }

    /**
     * @param indexType {@link MessageConst#INDEX_KEY_TYPE} (a key a producer set) or
     *                  {@link MessageConst#INDEX_UNIQUE_TYPE} (the client's message id)
     * @param max       messages per broker at most; the broker's own limit for a message id
     * @param begin     stored from (ms since the epoch) on
     * @param silent    brokers that did not answer earlier: not asked again ({@link BrokerRound})
     * @return the messages as the index found them (a hash's): the caller matches the key
     */
    public static Found ask(RemotingClient client, List<BrokerData> route, String topic, String key,
                            String indexType, int max, long begin, long timeoutMillis, UnansweredBrokers silent) {
        Map<String, String> noAddress = new TreeMap<>();
        List<BrokerRound.Broker> brokers = new ArrayList<>();
        for (BrokerData broker : route) {
            // a slave's address, picked at random, when the master has none: the one asked is the one named
            String address = broker.selectBrokerAddr();
            if (address == null) {
                noAddress.put(broker.getBrokerName(), silent.refused(broker.getBrokerName(), null, "no address known"));
            } else {
                brokers.add(new BrokerRound.Broker(broker.getBrokerName(), address));
            }
        }
        BrokerRound.Answers answers = BrokerRound.ask(client, brokers,
                broker -> request(topic, key, indexType, max, begin),
                Set.of(ResponseCode.SUCCESS, ResponseCode.QUERY_NOT_FOUND), timeoutMillis, silent);
        List<MessageExt> messages = new ArrayList<>();
        answers.answers().forEach((brokerName, answer) -> {
            if (answer.getCode() == ResponseCode.SUCCESS) {
                List<MessageExt> decoded = MessageDecoder.decodes(ByteBuffer.wrap(answer.getBody()), true);
                messages.addAll(fromBroker(brokerName, decoded));
            }
        });
        Map<String, String> unanswered = new TreeMap<>(answers.unanswered());
        unanswered.putAll(noAddress);
        return new Found(messages, unanswered);
    }

    /** The broker's answer does not name it: the messages are given the name of the broker asked. */
    public static List<MessageExt> fromBroker(String brokerName, List<MessageExt> messages) {
        messages.forEach(message -> message.setBrokerName(brokerName));
        return messages;
    }

    /** Each broker of a round gets a request of its own. */
    private static RemotingCommand request(String topic, String key, String indexType, int max, long begin) {
        QueryMessageRequestHeader header = new QueryMessageRequestHeader();
        header.setTopic(topic);
        header.setKey(key);
        header.setMaxNum(max);
        header.setBeginTimestamp(begin);
        header.setEndTimestamp(Long.MAX_VALUE);
        header.setIndexType(indexType);
        RemotingCommand request = RemotingCommand.createRequestCommand(RequestCode.QUERY_MESSAGE, header);
        boolean byMessageId = MessageConst.INDEX_UNIQUE_TYPE.equals(indexType);
        request.addExtField(MixAll.UNIQUE_MSG_QUERY_FLAG, String.valueOf(byMessageId));
        return request;
    }
}
