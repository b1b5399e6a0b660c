package io.rocketcamel.component.rocketmq.internal;

import java.util.Set;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.MessageQueueListener;
import org.apache.rocketmq.client.impl.consumer.DefaultMQPushConsumerImpl;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.remoting.protocol.header.HeartbeatRequestHeader;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.apache.rocketmq.remoting.protocol.heartbeat.ConsumerData;
import org.apache.rocketmq.remoting.protocol.heartbeat.HeartbeatData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells each broker at once the subscription version a rebalance that changed the consumer's queues made. A broker
 * refuses the pulls of a version newer than the one it was told ("the subscription is not latest"), every pull of the
 * topic's queues on it. RocketMQ's client sends that heartbeat only when its heartbeat lock is free, and a broker that
 * accepts connections and answers nothing (hung) keeps the lock held: each heartbeat to it, periodic or on a new
 * connection, waits out the timeout. The brokers that answer then learned the version only when a periodic heartbeat
 * got the lock: a route consuming a topic of two brokers, one hung, consumed nothing of the other for seconds to
 * tens of seconds after the topic grew there ({@code HungBrokerConsumeIT}). Here each broker is asked on its own,
 * none waited for.
 */
public final class SubscriptionVersionHeartbeat implements MessageQueueListener {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionVersionHeartbeat.class);

    private final DefaultMQPushConsumer consumer;

    private SubscriptionVersionHeartbeat(DefaultMQPushConsumer consumer) {
        this.consumer = consumer;
    }

    /** Before the consumer's start. */
    public static void install(DefaultMQPushConsumer consumer) {
        consumer.setMessageQueueListener(new SubscriptionVersionHeartbeat(consumer));
    }

    /** Called by the client's rebalance after it changed the version and tried its own heartbeat. */
    @Override
    public void messageQueueChanged(String topic, Set<MessageQueue> all, Set<MessageQueue> divided) {
        DefaultMQPushConsumerImpl impl = consumer.getDefaultMQPushConsumerImpl();
        MQClientInstance client = impl.getmQClientFactory();
        HeartbeatData heartbeat = new HeartbeatData();
        heartbeat.setClientID(client.getClientId());
        ConsumerData data = new ConsumerData();
        data.setGroupName(impl.groupName());
        data.setConsumeType(impl.consumeType());
        data.setMessageModel(impl.messageModel());
        data.setConsumeFromWhere(impl.consumeFromWhere());
        data.setUnitMode(impl.isUnitMode());
        // every subscription of the group, as a broker drops those a heartbeat leaves out
        data.getSubscriptionDataSet().addAll(impl.subscriptions());
        heartbeat.getConsumerDataSet().add(data);
        byte[] body = heartbeat.encode();
        TopicRouteData route = client.getTopicRouteTable().get(topic);
        if (route == null) {
            return;
        }
        // the brokers the pulls of the topic go to, masters and slaves, as the client's own heartbeat goes
        for (BrokerData broker : route.getBrokerDatas()) {
            for (String address : broker.getBrokerAddrs().values()) {
                send(client, address, body, topic);
            }
        }
    }

    private void send(MQClientInstance client, String address, byte[] body, String topic) {
        RemotingCommand request = RemotingCommand.createRequestCommand(RequestCode.HEART_BEAT,
                new HeartbeatRequestHeader());
        request.setLanguage(client.getClientConfig().getLanguage());
        request.setBody(body);
        client.getMQClientAPIImpl().getRemotingClient()
                .invoke(address, request, client.getClientConfig().getMqClientApiTimeout())
                .whenComplete((response, failure) -> {
                    if (failure != null || response.getCode() != ResponseCode.SUCCESS) {
                        // the client's periodic heartbeat tells it later
                        LOG.debug("The heartbeat with group {}'s new subscription version of {} to {} failed: {}",
                                consumer.getConsumerGroup(), topic, address,
                                failure != null ? failure.toString() : response.getRemark());
                    }
                });
    }
}
