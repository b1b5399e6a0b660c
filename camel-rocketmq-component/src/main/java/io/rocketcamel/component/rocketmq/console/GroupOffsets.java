package io.rocketcamel.component.rocketmq.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.common.KeyBuilder;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.remoting.protocol.admin.ConsumeStats;
import org.apache.rocketmq.remoting.protocol.header.GetConsumeStatsRequestHeader;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;

/**
 * A consumer group's offsets on a topic and on every topic its redeliveries of that topic wait in: the group's retry
 * topic and, for POP groups, the POP retry topic the brokers move an unacknowledged pop to once it is visible again
 * ({@code %RETRY%<group>_<topic>}, or {@code +} with the brokers' enableRetryTopicV2). One request per broker, all at
 * once.
 */
public final class GroupOffsets {

    private GroupOffsets() {
    }

    /**
     * The topics a group's messages of the topic wait in, with namespaces applied, the topic first; so many retry
     * topics because a client cannot tell a group's mode or the brokers' retry topic naming from outside.
     */
    static List<String> topics(String wrappedGroup, String wrappedTopic) {
        return List.of(wrappedTopic, MixAll.getRetryTopic(wrappedGroup),
                KeyBuilder.buildPopRetryTopicV1(wrappedTopic, wrappedGroup),
                KeyBuilder.buildPopRetryTopicV2(wrappedTopic, wrappedGroup));
    }

    /** Whether the topic is one of the POP retry topics the brokers move the group's pops of the topic to. */
    public static boolean isPopRetryTopic(String candidate, String wrappedGroup, String wrappedTopic) {
        return candidate.equals(KeyBuilder.buildPopRetryTopicV1(wrappedTopic, wrappedGroup))
               || candidate.equals(KeyBuilder.buildPopRetryTopicV2(wrappedTopic, wrappedGroup));
    }

    /**
     * The group's offsets as one answer of every broker; fails naming the brokers that did not answer.
     *
     * @param wrappedGroup the group as the brokers know it (with the namespace)
     * @param wrappedTopic the topic as the brokers know it
     */
    public static ConsumeStats read(MQClientAPIImpl api, String wrappedGroup, String wrappedTopic, long timeoutMillis)
            throws Exception {
        return merged(read(api, wrappedGroup, wrappedTopic, topics(wrappedGroup, wrappedTopic), timeoutMillis,
                new UnansweredBrokers()).all());
    }

    /** The group's offsets on the topic alone, without its retry topics, from the brokers that answered. */
    public static Answer readTopicAnswered(MQClientAPIImpl api, String wrappedGroup, String wrappedTopic,
                                           long timeoutMillis) throws Exception {
        return Answer.of(read(api, wrappedGroup, wrappedTopic, List.of(wrappedTopic), timeoutMillis,
                new UnansweredBrokers()));
    }

    /**
     * What the brokers that answered hold of the group's offsets, and which brokers did not answer: a console shows
     * the one and names the other.
     *
     * @param silent brokers that did not answer earlier within the page, not asked again
     */
    public static Answer readAnswered(MQClientAPIImpl api, String wrappedGroup, String wrappedTopic, long timeoutMillis,
                                      UnansweredBrokers silent) throws Exception {
        return Answer.of(read(api, wrappedGroup, wrappedTopic, topics(wrappedGroup, wrappedTopic), timeoutMillis,
                silent));
    }

    /**
     * @param stats      the offsets of the brokers that answered
     * @param unanswered the brokers of the topics that did not, by name: why
     */
    public record Answer(ConsumeStats stats, Map<String, String> unanswered) {

        static Answer of(BrokerRound.Answers answers) {
            return new Answer(merged(answers.answers()), answers.unanswered());
        }
    }

    private static BrokerRound.Answers read(MQClientAPIImpl api, String wrappedGroup, String wrappedTopic,
                                            List<String> topics, long timeoutMillis, UnansweredBrokers silent)
            throws Exception {
        Map<BrokerRound.Broker, List<String>> topicsByBroker = new LinkedHashMap<>();
        for (String topic : topics) {
            TopicRouteData route = route(api, topic, timeoutMillis, topic.equals(wrappedTopic));
            if (route == null) {
                continue;
            }
            for (BrokerData broker : route.getBrokerDatas()) {
                String address = broker.selectBrokerAddr();
                if (address != null) {
                    topicsByBroker.computeIfAbsent(new BrokerRound.Broker(broker.getBrokerName(), address),
                            a -> new ArrayList<>()).add(topic);
                }
            }
        }
        return BrokerRound.ask(api.getRemotingClient(), List.copyOf(topicsByBroker.keySet()), broker -> {
            GetConsumeStatsRequestHeader header = new GetConsumeStatsRequestHeader();
            header.setConsumerGroup(wrappedGroup);
            // a topic list, not a topic: the brokers then answer for topics outside the group's subscriptions, as
            // POP retry topics are
            header.updateTopicList(topicsByBroker.get(broker));
            return RemotingCommand.createRequestCommand(RequestCode.GET_CONSUME_STATS, header);
        }, Set.of(ResponseCode.SUCCESS), timeoutMillis, silent);
    }

    private static ConsumeStats merged(Map<String, RemotingCommand> answers) {
        ConsumeStats merged = new ConsumeStats();
        answers.values().forEach(answer -> merged.getOffsetTable().putAll(
                ConsumeStats.decode(answer.getBody(), ConsumeStats.class).getOffsetTable()));
        return merged;
    }

    /** Null for a retry topic no broker has yet (nothing was redelivered), which the name server answers quietly. */
    private static TopicRouteData route(MQClientAPIImpl api, String topic, long timeoutMillis, boolean required)
            throws Exception {
        try {
            return api.getTopicRouteInfoFromNameServer(topic, timeoutMillis, false);
        } catch (MQClientException e) {
            if (required || e.getResponseCode() != ResponseCode.TOPIC_NOT_EXIST) {
                throw e;
            }
            return null;
        }
    }
}
