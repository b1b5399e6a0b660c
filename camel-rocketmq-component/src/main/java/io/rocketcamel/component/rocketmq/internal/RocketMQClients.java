package io.rocketcamel.component.rocketmq.internal;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.rocketcamel.component.rocketmq.ConsumeMode;
import io.rocketcamel.component.rocketmq.MigrationAliases;
import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.client.ClientConfig;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.MessageSelector;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.TransactionMQProducer;

/**
 * Creates every RocketMQ client of the component from an endpoint's options, so each client setting is made in one
 * place. Each client gets its own instance name: the RocketMQ client keeps one client instance per
 * {@code ip@instanceName} per JVM, so shared names would make several consumers (broadcast ones in particular) of
 * one JVM step on each other.
 */
public final class RocketMQClients {

    /** How long a stopping consumer lets in-flight exchanges finish before it persists offsets and closes. */
    private static final long IN_FLIGHT_GRACE_MILLIS = 30_000;

    private RocketMQClients() {
    }

    public static DefaultMQProducer producer(RocketMQConfiguration configuration, String group, String instanceName,
                                             ClientActivity activity) {
        return configure(new DefaultMQProducer(group, activity), configuration, instanceName);
    }

    public static TransactionMQProducer transactionalProducer(RocketMQConfiguration configuration, String group,
                                                              String instanceName, ClientActivity activity) {
        return configure(new TransactionMQProducer(group, activity), configuration, instanceName);
    }

    private static <P extends DefaultMQProducer> P configure(P producer, RocketMQConfiguration configuration,
                                                             String instanceName) {
        applyShared(producer, configuration, instanceName);
        producer.setSendMsgTimeout(Math.toIntExact(configuration.getSendTimeout()));
        producer.setRetryTimesWhenSendFailed(configuration.getRetryTimesWhenSendFailed());
        producer.setRetryTimesWhenSendAsyncFailed(configuration.getRetryTimesWhenSendFailed());
        producer.setMaxMessageSize(configuration.getMaxMessageSize());
        return producer;
    }

    /**
     * A push consumer subscribed to the topic with every consumer option applied; the caller adds the listener and,
     * where it keeps offsets itself, the offset store.
     */
    public static DefaultMQPushConsumer pushConsumer(RocketMQConfiguration configuration, String topic,
                                                     String instanceName, ClientActivity activity) throws MQClientException {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(configuration.getConsumerGroup(), activity);
        applyShared(consumer, configuration, instanceName);
        if (configuration.getSql() != null) {
            consumer.subscribe(topic, MessageSelector.bySql(configuration.getSql()));
        } else {
            consumer.subscribe(topic, subscriptionTags(MigrationAliases.subscriptionTags(configuration)));
        }
        consumer.setMessageModel(configuration.getMessageModel().clientValue());
        consumer.setConsumeFromWhere(configuration.getConsumeFromWhere().clientValue());
        if (configuration.getConsumeTimestamp() != null) {
            consumer.setConsumeTimestamp(configuration.getConsumeTimestamp());
        }
        consumer.setMaxReconsumeTimes(configuration.getMaxReconsumeTimes());
        consumer.setConsumeMessageBatchMaxSize(configuration.getConsumeBatchSize());
        consumer.setPullBatchSize(Math.max(configuration.getPullBatchSize(), configuration.getConsumeBatchSize()));
        consumer.setConsumeThreadMin(configuration.getConsumeThreadMin());
        consumer.setConsumeThreadMax(configuration.getConsumeThreadMax());
        consumer.setConsumeTimeout(TimeUnit.MILLISECONDS.toMinutes(configuration.getConsumeTimeout()));
        consumer.setSuspendCurrentQueueTimeMillis(configuration.getSuspendTime());
        consumer.setAwaitTerminationMillisWhenShutdown(IN_FLIGHT_GRACE_MILLIS);
        if (configuration.getConsumeMode() == ConsumeMode.POP) {
            applyPop(consumer, configuration);
        }
        return consumer;
    }

    /**
     * POP: the brokers assign (the client asks them, and they answer POP for a group switched to it), and a consumer
     * pops only while it holds fewer messages than it has threads, so it takes no more work than it can start.
     */
    private static void applyPop(DefaultMQPushConsumer consumer, RocketMQConfiguration configuration) {
        consumer.setClientRebalance(false);
        consumer.setPopInvisibleTime(configuration.getPopInvisibleTime());
        consumer.setPopBatchNums(configuration.getPopBatchSize());
        consumer.setPopThresholdForQueue(Math.max(0, configuration.getConsumeThreadMax() - 1));
        // the client drops a popped message over its limit without a dead letter; the PopListener dead-letters at the
        // endpoint's limit itself, so the client's must never be reached
        consumer.setMaxReconsumeTimes(Integer.MAX_VALUE);
    }

    /**
     * A pull consumer that reads the queues it is assigned from where it is told, without group offsets: the caller
     * assigns and seeks.
     */
    public static DefaultLitePullConsumer assignedPullConsumer(RocketMQConfiguration configuration, String group,
                                                               String instanceName, ClientActivity activity) {
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer(group, activity);
        applyShared(consumer, configuration, instanceName);
        consumer.setAutoCommit(false);
        consumer.setPullBatchSize(configuration.getPullBatchSize());
        return consumer;
    }

    /**
     * The client's tag expression: "*" for none, else the tags joined by " || ". RocketMQ joins tags with {@code ||};
     * the tags option also takes commas, which property files and URIs keep whole.
     */
    public static String subscriptionTags(String tags) {
        if (tags == null || tags.isBlank()) {
            return "*";
        }
        return Arrays.stream(tags.replace("||", ",").split(",")).map(String::trim).filter(tag -> !tag.isEmpty())
                .collect(Collectors.joining(" || "));
    }

    /**
     * setNamespace is deprecated in favour of setNamespaceV2, but the two are not the same thing: V2 only sends the
     * namespace along with each request, for a proxy that understands it, and a 5.5 broker ignores it, so topics and
     * groups of every namespace would meet. setNamespace prefixes the names themselves ("ns%topic"), which isolates
     * namespaces on every broker.
     */
    @SuppressWarnings("deprecation")
    private static void applyShared(ClientConfig client, RocketMQConfiguration configuration, String instanceName) {
        client.setNamesrvAddr(configuration.getNamesrvAddr());
        if (configuration.getNamespace() != null) {
            client.setNamespace(configuration.getNamespace());
        }
        client.setInstanceName(instanceName);
        client.setHeartbeatBrokerInterval(Math.toIntExact(configuration.getHeartbeatBrokerInterval()));
        client.setPollNameServerInterval(Math.toIntExact(configuration.getPollNameServerInterval()));
        client.setEnableTrace(configuration.isEnableTrace());
        client.setTraceTopic(configuration.getTraceTopic());
        client.setAccessChannel(configuration.getAccessChannel().clientValue());
        client.setUseTLS(configuration.isUseTls());
    }

    /** What a new client's calls are watched and signed with; one per client. */
    public static ClientActivity activity(RocketMQConfiguration configuration) {
        return new ClientActivity(configuration.getAccessKey() == null ? null
                : new AclClientRPCHook(new SessionCredentials(configuration.getAccessKey(), configuration.getSecretKey())));
    }
}
