package io.rocketcamel.starter.console;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageId;
import org.apache.rocketmq.common.utils.NetworkUtil;
import org.apache.rocketmq.remoting.InvokeCallback;
import org.apache.rocketmq.remoting.exception.RemotingException;
import org.apache.rocketmq.remoting.netty.ResponseFuture;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.remoting.protocol.header.QueryMessageRequestHeader;
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
    /** By broker name: why it did not answer. */
    private final Map<String, String> unanswered = new ConcurrentHashMap<>();

    /** What the brokers that answered hold, and why each other one of the topic did not answer (by broker name). */
    record Found(List<MessageExt> messages, Map<String, String> unanswered) {
    }

    private record Asked(String brokerName, String address) {
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
        if (broker.isEmpty() || unanswered.containsKey(broker.get().getBrokerName())) {
            return Optional.empty();
        }
        try {
            return Optional.of(client().viewMessage(address, topic, messageId.getOffset(), timeoutMillis));
        } catch (MQBrokerException e) {
            if (e.getResponseCode() == ResponseCode.SYSTEM_ERROR) {
                return Optional.empty(); // the broker answered that nothing is stored at that offset
            }
            notAnswered(broker.get().getBrokerName(), address, "answered " + e.getResponseCode() + ": "
                                                                + e.getErrorMessage());
        } catch (RemotingException e) {
            notAnswered(broker.get().getBrokerName(), address, e.getMessage());
        }
        return Optional.empty();
    }

    /** Every broker that did not answer a look-up of this instance, by name: why. */
    Map<String, String> unanswered() {
        return new TreeMap<>(unanswered);
    }

    /** As an operator reads it: "broker-b (at 127.0.0.1:10911: no answer within 3000 ms) did not answer". */
    static String describe(Map<String, String> unanswered) {
        return unanswered.entrySet().stream().map(broker -> broker.getKey() + " (" + broker.getValue() + ")")
                .collect(Collectors.joining(", ", "", " did not answer"));
    }

    private Found query(String topic, String key, String indexType, int max, long begin) throws Exception {
        Map<String, String> notAnswered = new TreeMap<>();
        Map<Asked, CompletableFuture<List<MessageExt>>> answers = new LinkedHashMap<>();
        for (BrokerData broker : route(topic)) {
            String earlier = unanswered.get(broker.getBrokerName());
            // a slave's address, picked at random, when the master has none: the one asked is the one named
            String address = broker.selectBrokerAddr();
            if (earlier != null) {
                notAnswered.put(broker.getBrokerName(), earlier);
            } else if (address == null) {
                notAnswered.put(broker.getBrokerName(), notAnswered(broker.getBrokerName(), null, "no address known"));
            } else {
                QueryMessageRequestHeader header = new QueryMessageRequestHeader();
                header.setTopic(topic);
                header.setKey(key);
                header.setMaxNum(max);
                header.setBeginTimestamp(begin);
                header.setEndTimestamp(Long.MAX_VALUE);
                header.setIndexType(indexType);
                answers.put(new Asked(broker.getBrokerName(), address),
                        ask(address, header, MessageConst.INDEX_UNIQUE_TYPE.equals(indexType)));
            }
        }
        // all brokers are asked at once: the request waits for the slowest, at most one timeout
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        List<MessageExt> messages = new ArrayList<>();
        for (Map.Entry<Asked, CompletableFuture<List<MessageExt>>> answer : answers.entrySet()) {
            String name = answer.getKey().brokerName();
            String address = answer.getKey().address();
            try {
                messages.addAll(answer.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                notAnswered.put(name, notAnswered(name, address, "no answer within " + timeoutMillis + " ms"));
            } catch (ExecutionException e) {
                notAnswered.put(name, notAnswered(name, address, e.getCause().getMessage()));
            }
        }
        return new Found(messages, notAnswered);
    }

    private CompletableFuture<List<MessageExt>> ask(String address, QueryMessageRequestHeader header, boolean unique) {
        CompletableFuture<List<MessageExt>> answer = new CompletableFuture<>();
        try {
            client().queryMessage(address, header, timeoutMillis, new InvokeCallback() {
                @Override
                public void operationComplete(ResponseFuture responseFuture) {
                    // the outcome comes through the two calls below
                }

                @Override
                public void operationSucceed(RemotingCommand response) {
                    if (response.getCode() == ResponseCode.SUCCESS) {
                        answer.complete(MessageDecoder.decodes(ByteBuffer.wrap(response.getBody()), true));
                    } else if (response.getCode() == ResponseCode.QUERY_NOT_FOUND) {
                        answer.complete(List.of());
                    } else {
                        answer.completeExceptionally(new IllegalStateException("answered " + response.getCode()
                                                                               + ": " + response.getRemark()));
                    }
                }

                @Override
                public void operationFail(Throwable failure) {
                    answer.completeExceptionally(failure);
                }
            }, unique);
        } catch (Exception e) {
            answer.completeExceptionally(e);
        }
        return answer;
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

    private String notAnswered(String brokerName, String address, String why) {
        String reason = (address == null ? "" : "at " + address + ": ") + why;
        unanswered.putIfAbsent(brokerName, reason);
        return reason;
    }

    private MQClientAPIImpl client() {
        return admin.getDefaultMQAdminExtImpl().getMqClientInstance().getMQClientAPIImpl();
    }
}
