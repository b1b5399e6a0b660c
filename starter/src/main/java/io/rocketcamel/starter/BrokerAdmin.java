package io.rocketcamel.starter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.console.BrokerRound;
import io.rocketcamel.component.rocketmq.console.GroupLag;
import io.rocketcamel.component.rocketmq.console.GroupOffsets;
import io.rocketcamel.component.rocketmq.console.UnansweredBrokers;
import io.rocketcamel.component.rocketmq.internal.PromptShutdown;
import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.NamespaceUtil;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.remoting.protocol.admin.ConsumeStats;
import org.apache.rocketmq.remoting.protocol.admin.TopicOffset;
import org.apache.rocketmq.remoting.protocol.admin.TopicStatsTable;
import org.apache.rocketmq.remoting.protocol.header.GetTopicStatsInfoRequestHeader;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

/**
 * What the metrics and the operations console ask the cluster (lag, dead letters, ...), through one RocketMQ admin
 * client per name server address and credentials, started on first use: endpoints may point at different clusters.
 */
public class BrokerAdmin implements AutoCloseable {

    /** How long a call of the admin clients waits for the broker or name server to answer. */
    public static final long TIMEOUT_MILLIS = 3000;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Map<String, DefaultMQAdminExt> clients = new ConcurrentHashMap<>();

    /**
     * Messages in the topic's queues beyond the group's committed offsets, on every broker of the topic; fails naming
     * a broker that does not answer. (RocketMQ's examineConsumeStats asks only the brokers of the group's retry topic,
     * which misses a broker the topic spread to while the group was stopped.)
     */
    public long lag(RocketMQConfiguration configuration, String group, String topic) throws Exception {
        ConsumeStats stats = GroupOffsets.read(api(configuration), wrap(configuration, group),
                wrap(configuration, topic), TIMEOUT_MILLIS);
        return GroupLag.of(group, topic, configuration.getNamespace(), stats).lag();
    }

    /**
     * The group's lag per queue on the topic and on the retry topics its redeliveries of the topic wait in, from the
     * brokers that answer; the lag names those that did not.
     *
     * @param silent brokers that did not answer earlier within the page: not asked again
     */
    public GroupLag groupLag(RocketMQConfiguration configuration, String group, String topic, UnansweredBrokers silent)
            throws Exception {
        GroupOffsets.Answer answer = GroupOffsets.readAnswered(api(configuration), wrap(configuration, group),
                wrap(configuration, topic), TIMEOUT_MILLIS, silent);
        return GroupLag.of(group, topic, configuration.getNamespace(), answer);
    }

    /**
     * @param queues     the queues of the group's dead-letter topic on the brokers that answered, with their offsets
     * @param addresses  the address each of those brokers answered at, by broker name
     * @param unanswered the topic's other brokers, by name: why
     */
    public record DeadLetterQueues(Map<MessageQueue, TopicOffset> queues, Map<String, String> addresses,
                                   Map<String, String> unanswered) {

        /** Messages in the queues. */
        public long count() {
            return queues.values().stream().mapToLong(offsets -> offsets.getMaxOffset() - offsets.getMinOffset()).sum();
        }
    }

    /** Messages in the group's dead-letter topic; 0 while it does not exist. Fails when a broker does not answer. */
    public long deadLetters(RocketMQConfiguration configuration, String group) throws Exception {
        DeadLetterQueues queues = deadLetterQueues(configuration, group, new UnansweredBrokers());
        if (!queues.unanswered().isEmpty()) {
            throw new IllegalStateException(UnansweredBrokers.describe(queues.unanswered()));
        }
        return queues.count();
    }

    /**
     * The group's dead-letter queues on the brokers that answer; none while the topic does not exist (nothing was
     * dead-lettered yet).
     *
     * @param silent brokers that did not answer earlier within the page: not asked again
     */
    public DeadLetterQueues deadLetterQueues(RocketMQConfiguration configuration, String group,
                                             UnansweredBrokers silent) throws Exception {
        String topic = MixAll.getDLQTopic(wrap(configuration, group));
        TopicRouteData route;
        try {
            route = client(configuration).examineTopicRouteInfo(topic);
        } catch (MQClientException e) {
            if (e.getResponseCode() == ResponseCode.TOPIC_NOT_EXIST) {
                return new DeadLetterQueues(Map.of(), Map.of(), Map.of());
            }
            throw e;
        }
        // selectBrokerAddr picks a slave at random when the master has none: asked once, the one asked is named
        List<BrokerRound.Broker> brokers = route.getBrokerDatas().stream()
                .map(data -> new BrokerRound.Broker(data.getBrokerName(), data.selectBrokerAddr()))
                .filter(broker -> broker.address() != null).toList();
        BrokerRound.Answers answers = BrokerRound.ask(api(configuration).getRemotingClient(), brokers, broker -> {
            GetTopicStatsInfoRequestHeader header = new GetTopicStatsInfoRequestHeader();
            header.setTopic(topic);
            return RemotingCommand.createRequestCommand(RequestCode.GET_TOPIC_STATS_INFO, header);
        }, Set.of(ResponseCode.SUCCESS, ResponseCode.TOPIC_NOT_EXIST), TIMEOUT_MILLIS, silent);
        Map<MessageQueue, TopicOffset> queues = new HashMap<>();
        Map<String, String> addresses = new TreeMap<>();
        brokers.stream().filter(broker -> answers.answers().containsKey(broker.name()))
                .forEach(broker -> addresses.put(broker.name(), broker.address()));
        answers.answers().values().stream().filter(answer -> answer.getCode() == ResponseCode.SUCCESS)
                .forEach(answer -> queues.putAll(TopicStatsTable.decode(answer.getBody(), TopicStatsTable.class)
                        .getOffsetTable()));
        return new DeadLetterQueues(queues, addresses, answers.unanswered());
    }

    /** The name as the brokers know it: prefixed with the configuration's namespace. */
    public static String wrap(RocketMQConfiguration configuration, String name) {
        return configuration.getNamespace() == null ? name : NamespaceUtil.wrapNamespace(configuration.getNamespace(), name);
    }

    private MQClientAPIImpl api(RocketMQConfiguration configuration) {
        return client(configuration).getDefaultMQAdminExtImpl().getMqClientInstance().getMQClientAPIImpl();
    }

    /**
     * The shared admin client for the configuration's cluster, credentials and TLS, started on first use; closed with
     * this bean, never by the caller.
     */
    public DefaultMQAdminExt client(RocketMQConfiguration configuration) {
        String key = String.join("|", configuration.getNamesrvAddr(), configuration.getAccessKey(),
                configuration.getSecretKey(), String.valueOf(configuration.isUseTls()));
        return clients.computeIfAbsent(key, k -> start(configuration));
    }

    private static DefaultMQAdminExt start(RocketMQConfiguration configuration) {
        DefaultMQAdminExt admin = configuration.getAccessKey() == null ? new DefaultMQAdminExt(TIMEOUT_MILLIS)
                : new DefaultMQAdminExt(new AclClientRPCHook(new SessionCredentials(configuration.getAccessKey(),
                        configuration.getSecretKey())), TIMEOUT_MILLIS);
        admin.setNamesrvAddr(configuration.getNamesrvAddr());
        // as the component's clients: otherwise only the JVM's tls.enable decides, and a TLS-only cluster refuses it
        admin.setUseTLS(configuration.isUseTls());
        // one client instance per name in a JVM: never share the component's clients
        admin.setInstanceName("rocketcamel-admin-" + INSTANCES.incrementAndGet() + "-" + ProcessHandle.current().pid());
        try {
            admin.start();
        } catch (MQClientException e) {
            throw new IllegalStateException("Could not start a RocketMQ admin client for " + configuration.getNamesrvAddr(), e);
        }
        return admin;
    }

    @Override
    public void close() {
        clients.values().parallelStream().forEach(admin -> PromptShutdown.of(
                admin.getDefaultMQAdminExtImpl().getMqClientInstance(), admin::shutdown));
        clients.clear();
    }
}
