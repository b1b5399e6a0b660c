package io.rocketcamel.component.rocketmq;

import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.client.ClientConfig;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.remoting.RPCHook;

/**
 * Creates the RocketMQ clients of an endpoint with the options every client shares. Each client gets its own instance
 * name: the RocketMQ client keeps one client instance per {@code ip@instanceName} per JVM, so shared names would make
 * several consumers (broadcast ones in particular) of one JVM step on each other.
 */
public final class RocketMQClients {

    private RocketMQClients() {
    }

    static DefaultMQProducer producer(RocketMQConfiguration configuration, String group, String instanceName) {
        return configure(new DefaultMQProducer(group, rpcHook(configuration)), configuration, instanceName);
    }

    public static TransactionMQProducer transactionalProducer(RocketMQConfiguration configuration, String group,
                                                              String instanceName) {
        return configure(new TransactionMQProducer(group, rpcHook(configuration)), configuration, instanceName);
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

    static DefaultMQPushConsumer consumer(RocketMQConfiguration configuration, String instanceName) {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(configuration.getConsumerGroup(), rpcHook(configuration));
        applyShared(consumer, configuration, instanceName);
        return consumer;
    }

    @SuppressWarnings("deprecation") // setNamespace is the remoting protocol's namespace (names prefixed "ns%")
    private static void applyShared(ClientConfig client, RocketMQConfiguration configuration, String instanceName) {
        client.setNamesrvAddr(configuration.getNamesrvAddr());
        if (configuration.getNamespace() != null) {
            client.setNamespace(configuration.getNamespace());
        }
        client.setInstanceName(instanceName);
        client.setHeartbeatBrokerInterval(configuration.getHeartbeatBrokerInterval());
        client.setPollNameServerInterval(configuration.getPollNameServerInterval());
        client.setEnableTrace(configuration.isEnableTrace());
    }

    static RPCHook rpcHook(RocketMQConfiguration configuration) {
        if (configuration.getAccessKey() == null) {
            return null;
        }
        return new AclClientRPCHook(new SessionCredentials(configuration.getAccessKey(), configuration.getSecretKey()));
    }
}
