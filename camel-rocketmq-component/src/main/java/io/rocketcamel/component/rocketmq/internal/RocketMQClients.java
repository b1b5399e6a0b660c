package io.rocketcamel.component.rocketmq.internal;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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
import org.apache.rocketmq.client.impl.MQClientManager;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.RemotingClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.MessageFormatter;

/**
 * Creates every RocketMQ client of the component from an endpoint's options, so each client setting is made in one
 * place. Each client gets its own instance name: the RocketMQ client keeps one client instance per
 * {@code ip@instanceName} per JVM, so shared names would make several consumers (broadcast ones in particular) of
 * one JVM step on each other.
 */
public final class RocketMQClients {

    private static final Logger LOG = LoggerFactory.getLogger(RocketMQClients.class);
    /** How long a stopping consumer lets in-flight exchanges finish before it persists offsets and closes. */
    private static final long IN_FLIGHT_GRACE_MILLIS = 30_000;
    private static final int DEFAULT_POP_BATCH_SIZE = new RocketMQConfiguration().getPopBatchSize();

    private RocketMQClients() {
    }

    public static DefaultMQProducer producer(RocketMQConfiguration configuration, String group, String instanceName,
                                             ClientActivity activity) {
        return configure(new UnbatchedProducer(group, activity), configuration, instanceName);
    }

    /**
     * @param hook the client's RPC hook, its {@link ClientActivity} or one wrapping it
     * @param checkBacks where the client answers the broker's check-backs; the client's shutdown shuts it down
     */
    public static TransactionMQProducer transactionalProducer(RocketMQConfiguration configuration, String group,
                                                              String instanceName, RPCHook hook,
                                                              ExecutorService checkBacks) {
        TransactionMQProducer producer = configure(new UnbatchedTransactionProducer(group, hook), configuration,
                instanceName);
        producer.setExecutorService(checkBacks);
        return producer;
    }

    private static <P extends DefaultMQProducer> P configure(P producer, RocketMQConfiguration configuration,
                                                             String instanceName) {
        applyShared(producer, configuration, instanceName);
        producer.setSendMsgTimeout(Math.toIntExact(configuration.getSendTimeout()));
        producer.setRetryTimesWhenSendFailed(configuration.getRetryTimesWhenSendFailed());
        producer.setRetryTimesWhenSendAsyncFailed(configuration.getRetryTimesWhenSendFailed());
        producer.setSendMsgMaxTimeoutPerRequest(Math.toIntExact(configuration.getSendAttemptTimeout() > 0
                ? configuration.getSendAttemptTimeout()
                : configuration.getSendTimeout() / (configuration.getRetryTimesWhenSendFailed() + 1)));
        producer.setMaxMessageSize(configuration.getMaxMessageSize());
        producer.setSendLatencyFaultEnable(configuration.isSendLatencyFaultEnable());
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
        clientWithRebalanceHooks(consumer, activity);
        if (configuration.getConsumeMode() == ConsumeMode.POP) {
            applyPop(consumer, configuration);
        }
        return consumer;
    }

    /**
     * The client instance a clustering push consumer's start will find, hooked as a broker that hangs requires:
     * {@link DistinctConsumersAllocation} (for the {@link AllocationWatch}) and {@link SubscriptionVersionHeartbeat}.
     * Before the consumer's start, and before the instance's: RocketMQ keeps one instance per client id (the
     * consumer's instance name fixes it) and does not expect hooks to be added while its requests run, so the
     * consumer needs an instance name of its own.
     */
    public static MQClientInstance clientWithRebalanceHooks(DefaultMQPushConsumer consumer, RPCHook rpcHook) {
        MQClientInstance client = MQClientManager.getInstance().getOrCreateMQClientInstance(consumer, rpcHook);
        RemotingClient requests = client.getMQClientAPIImpl().getRemotingClient();
        requests.registerRPCHook(DistinctConsumersAllocation.install(consumer));
        requests.registerRPCHook(SubscriptionVersionHeartbeat.install(consumer));
        return client;
    }

    /**
     * POP: the brokers assign (the client asks them, and they answer POP for a group switched to it). The pops start
     * bounded as for a topic on one broker; {@link #boundPops} shares the threads among the topic's brokers once the
     * consumer knows them.
     */
    private static void applyPop(DefaultMQPushConsumer consumer, RocketMQConfiguration configuration) {
        consumer.setClientRebalance(false);
        consumer.setPopInvisibleTime(configuration.getPopInvisibleTime());
        popBounds(consumer, configuration, 1);
        // the client drops a popped message over its limit without a dead letter; the PopListener dead-letters at the
        // endpoint's limit itself, so the client's must never be reached
        consumer.setMaxReconsumeTimes(Integer.MAX_VALUE);
    }

    /**
     * POP: a consumer holds no more popped messages than its threads can start. A popped message left waiting for a
     * thread past popInvisibleTime is skipped by the client and revived by the broker as a redelivery: a second run of
     * a message whose exchange was short enough, counted as a failed attempt. The client pops from each broker of the
     * topic (one queue each) while that queue holds no more than popThresholdForQueue messages, up to popBatchNums at a
     * time; its consume pool runs consumeThreadMin threads (its queue is unbounded, so the pool never grows towards
     * consumeThreadMax). So each broker's queue gets an equal share of consumeThreadMin (at least 1), a pop takes at
     * most what that share starts, and the next pop comes once enough of the share is free. The client reads both
     * settings at each pop, so they can change while it runs.
     *
     * @param brokers     the brokers the consumer pops from
     * @param firstNotice whether a notice is new (not given before for the endpoint): a route a policy stops and
     *                    starts often named the same bound at each start
     */
    public static void boundPops(DefaultMQPushConsumer consumer, RocketMQConfiguration configuration, int brokers,
                                 Predicate<String> firstNotice) {
        int batch = popBounds(consumer, configuration, brokers);
        String group = configuration.getConsumerGroup();
        if (configuration.getConsumeThreadMin() < brokers) {
            String warning = notice("consumeMode=POP: group {} pops from {} brokers with consumeThreadMin={}: holding a"
                                    + " pop from each, it may hold more than it can start, and a message left waiting"
                                    + " past popInvisibleTime={} ms comes back as a redelivery. Set consumeThreadMin to"
                                    + " {} or more", group, brokers, configuration.getConsumeThreadMin(),
                    configuration.getPopInvisibleTime(), brokers);
            if (firstNotice.test(warning)) {
                LOG.warn(warning);
            }
        }
        if (batch < configuration.getPopBatchSize()) {
            String bound = notice("consumeMode=POP: group {} pops at most {} message(s) at a time, not popBatchSize={}:"
                                  + " a consumer holds no more popped messages than its consumeThreadMin={} threads can"
                                  + " start (shared among {} broker(s))", group, batch, configuration.getPopBatchSize(),
                    configuration.getConsumeThreadMin(), brokers);
            if (!firstNotice.test(bound)) {
                return;
            }
            if (configuration.getPopBatchSize() == DEFAULT_POP_BATCH_SIZE) {
                LOG.info(bound);
            } else {
                LOG.warn(bound);
            }
        }
    }

    private static String notice(String pattern, Object... arguments) {
        return MessageFormatter.arrayFormat(pattern, arguments).getMessage();
    }

    /**
     * A pop is cut into exchanges of consumeBatchSize messages, one thread each. The client pops while a queue holds no
     * more than the threshold: threshold + one pop's exchanges must fit in the queue's share of the threads (each
     * message held may be an exchange of its own).
     *
     * @return the pop batch size
     */
    private static int popBounds(DefaultMQPushConsumer consumer, RocketMQConfiguration configuration, int brokers) {
        int share = Math.max(1, configuration.getConsumeThreadMin() / Math.max(1, brokers));
        int perExchange = configuration.getConsumeBatchSize();
        int batch = (int) Math.min(configuration.getPopBatchSize(), (long) share * perExchange);
        consumer.setPopBatchNums(batch);
        consumer.setPopThresholdForQueue(share - (batch + perExchange - 1) / perExchange);
        return batch;
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
