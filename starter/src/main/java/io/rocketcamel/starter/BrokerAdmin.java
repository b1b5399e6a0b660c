package io.rocketcamel.starter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.console.GroupLag;
import io.rocketcamel.component.rocketmq.console.GroupOffsets;
import io.rocketcamel.component.rocketmq.internal.PromptShutdown;
import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.remoting.protocol.NamespaceUtil;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.remoting.protocol.admin.ConsumeStats;
import org.apache.rocketmq.remoting.protocol.admin.TopicStatsTable;
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

    /** Messages in the topic's queues beyond the group's committed offsets. */
    public long lag(RocketMQConfiguration configuration, String group, String topic) throws Exception {
        ConsumeStats stats = client(configuration).examineConsumeStats(wrap(configuration, group), wrap(configuration, topic));
        return GroupLag.of(group, topic, configuration.getNamespace(), stats).lag();
    }

    /** The group's lag per queue on the topic and on the retry topics its redeliveries of the topic wait in. */
    public GroupLag groupLag(RocketMQConfiguration configuration, String group, String topic) throws Exception {
        ConsumeStats stats = GroupOffsets.read(client(configuration).getDefaultMQAdminExtImpl().getMqClientInstance()
                .getMQClientAPIImpl(), wrap(configuration, group), wrap(configuration, topic), TIMEOUT_MILLIS);
        return GroupLag.of(group, topic, configuration.getNamespace(), stats);
    }

    /** Messages in the group's dead-letter topic; 0 while it does not exist (nothing was dead-lettered yet). */
    public long deadLetters(RocketMQConfiguration configuration, String group) throws Exception {
        TopicStatsTable stats;
        try {
            stats = client(configuration).examineTopicStats(MixAll.getDLQTopic(wrap(configuration, group)));
        } catch (MQClientException e) {
            if (e.getResponseCode() == ResponseCode.TOPIC_NOT_EXIST) {
                return 0;
            }
            throw e;
        }
        return stats.getOffsetTable().values().stream().mapToLong(o -> o.getMaxOffset() - o.getMinOffset()).sum();
    }

    /** The name as the brokers know it: prefixed with the configuration's namespace. */
    public static String wrap(RocketMQConfiguration configuration, String name) {
        return configuration.getNamespace() == null ? name : NamespaceUtil.wrapNamespace(configuration.getNamespace(), name);
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
