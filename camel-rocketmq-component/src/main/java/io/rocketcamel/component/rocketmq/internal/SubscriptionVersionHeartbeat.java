package io.rocketcamel.component.rocketmq.internal;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.MessageQueueListener;
import org.apache.rocketmq.client.impl.consumer.DefaultMQPushConsumerImpl;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.remoting.protocol.header.HeartbeatRequestHeader;
import org.apache.rocketmq.remoting.protocol.heartbeat.ConsumerData;
import org.apache.rocketmq.remoting.protocol.heartbeat.HeartbeatData;
import org.apache.rocketmq.remoting.protocol.heartbeat.SubscriptionData;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells each broker at once the subscription version a rebalance that changed the consumer's queues made. A broker
 * refuses the pulls of a version newer than the one it was told ("the subscription is not latest"), every pull of the
 * topic's queues on it. RocketMQ's client sends that heartbeat only when its heartbeat lock is free, and then to one
 * broker after another; a broker that accepts connections and answers nothing (hung) keeps the lock held, each
 * heartbeat to it, periodic or on a new connection, waiting out the timeout, and delays the brokers after it by as
 * much. The brokers that answer learned the version when a periodic heartbeat got the lock, or a timeout late: a
 * route consuming a topic of two brokers, one hung, consumed nothing of the other for seconds to tens of seconds after
 * the topic grew there ({@code HungBrokerConsumeIT}).
 *
 * <p>Here a version newer than the last told is sent to every broker of the topic at once, none waited for: at the
 * first heartbeat the client starts after the change (a hook on its requests, so before its own heartbeat reaches a
 * hung broker) or, when the lock kept the client from sending one, as the rebalance reports the change.
 */
public final class SubscriptionVersionHeartbeat implements MessageQueueListener, RPCHook {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionVersionHeartbeat.class);

    private final DefaultMQPushConsumer consumer;
    /** By topic, the subscription version last sent to its brokers. */
    private final Map<String, Long> told = new HashMap<>();

    private SubscriptionVersionHeartbeat(DefaultMQPushConsumer consumer) {
        this.consumer = consumer;
    }

    /**
     * Before the consumer's start. It must also be a hook on the consumer's client instance
     * ({@link RocketMQClients#clientWithRebalanceHooks}).
     */
    public static SubscriptionVersionHeartbeat install(DefaultMQPushConsumer consumer) {
        SubscriptionVersionHeartbeat heartbeat = new SubscriptionVersionHeartbeat(consumer);
        consumer.setMessageQueueListener(heartbeat);
        return heartbeat;
    }

    /** Called by the client's rebalance after it changed the version and tried its own heartbeat. */
    @Override
    public void messageQueueChanged(String topic, Set<MessageQueue> all, Set<MessageQueue> divided) {
        tellIfNewer();
    }

    /** Called before each request the client sends, in the thread that sends it. */
    @Override
    public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
        if (request.getCode() == RequestCode.HEART_BEAT) {
            tellIfNewer();
        }
    }

    @Override
    public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
    }

    private void tellIfNewer() {
        DefaultMQPushConsumerImpl impl = consumer.getDefaultMQPushConsumerImpl();
        MQClientInstance client = impl.getmQClientFactory();
        if (client == null) {
            return;
        }
        Set<SubscriptionData> subscriptions = impl.subscriptions();
        Set<String> addresses = newerOnes(client, subscriptions);
        if (addresses.isEmpty()) {
            return;
        }
        HeartbeatData heartbeat = new HeartbeatData();
        heartbeat.setClientID(client.getClientId());
        ConsumerData data = new ConsumerData();
        data.setGroupName(impl.groupName());
        data.setConsumeType(impl.consumeType());
        data.setMessageModel(impl.messageModel());
        data.setConsumeFromWhere(impl.consumeFromWhere());
        data.setUnitMode(impl.isUnitMode());
        // every subscription of the group, as a broker drops those a heartbeat leaves out
        data.getSubscriptionDataSet().addAll(subscriptions);
        heartbeat.getConsumerDataSet().add(data);
        byte[] body = heartbeat.encode();
        // not under the lock below: the heartbeats sent here pass the hook too, maybe on a Netty thread
        addresses.forEach(address -> send(client, address, body));
    }

    /** Records the versions newer than those told; the brokers of their topics. */
    private synchronized Set<String> newerOnes(MQClientInstance client, Set<SubscriptionData> subscriptions) {
        Set<String> addresses = new LinkedHashSet<>();
        for (SubscriptionData subscription : subscriptions) {
            Long before = told.get(subscription.getTopic());
            if (before == null || subscription.getSubVersion() > before) {
                told.put(subscription.getTopic(), subscription.getSubVersion());
                addresses.addAll(brokersOf(client, subscription.getTopic()));
            }
        }
        return addresses;
    }

    /** The brokers the pulls of the topic go to, masters and slaves, as the client's own heartbeat goes. */
    private static Set<String> brokersOf(MQClientInstance client, String topic) {
        TopicRouteData route = client.getTopicRouteTable().get(topic);
        Set<String> addresses = new LinkedHashSet<>();
        if (route != null) {
            for (BrokerData broker : route.getBrokerDatas()) {
                addresses.addAll(broker.getBrokerAddrs().values());
            }
        }
        return addresses;
    }

    private void send(MQClientInstance client, String address, byte[] body) {
        RemotingCommand request = RemotingCommand.createRequestCommand(RequestCode.HEART_BEAT,
                new HeartbeatRequestHeader());
        request.setLanguage(client.getClientConfig().getLanguage());
        request.setBody(body);
        client.getMQClientAPIImpl().getRemotingClient()
                .invoke(address, request, client.getClientConfig().getMqClientApiTimeout())
                .whenComplete((response, failure) -> {
                    if (failure != null || response.getCode() != ResponseCode.SUCCESS) {
                        // the client's periodic heartbeat tells it later
                        LOG.debug("The heartbeat with group {}'s new subscription versions to {} failed: {}",
                                consumer.getConsumerGroup(), address,
                                failure != null ? failure.toString() : response.getRemark());
                    }
                });
    }
}
