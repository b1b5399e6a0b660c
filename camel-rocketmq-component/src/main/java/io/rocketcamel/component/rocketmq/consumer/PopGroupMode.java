package io.rocketcamel.component.rocketmq.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.MessageQueueAssignment;
import org.apache.rocketmq.common.message.MessageRequestMode;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A remoting client pops only when the brokers say so: each broker keeps a request mode per topic and group (PULL
 * unless set, what {@code mqadmin setConsumeMode} changes) and answers the client's assignment query with it. The
 * consumer sets POP on every master of its topic once it has announced its group, then checks that every broker
 * answers POP, so a group that cannot be switched (no permission, a broker refusing) fails the route's start instead
 * of consuming queue by queue.
 */
final class PopGroupMode {

    private static final Logger LOG = LoggerFactory.getLogger(PopGroupMode.class);

    private static final long TIMEOUT_MILLIS = 5000;
    /** The brokers assign only once they know the group's clients; the heartbeat that tells them is in flight. */
    private static final long ASSIGNMENT_WAIT_MILLIS = 10_000;
    /** 0: every consumer of the group pops from every queue. */
    private static final int SHARE_ALL_QUEUES = 0;

    private PopGroupMode() {
    }

    /**
     * @param topic the topic as the brokers know it (with the namespace)
     * @return how many brokers the consumer pops from
     */
    static int switchOn(DefaultMQPushConsumer consumer, String topic, String namesrvAddr) throws Exception {
        MQClientInstance client = consumer.getDefaultMQPushConsumerImpl().getmQClientFactory();
        MQClientAPIImpl api = client.getMQClientAPIImpl();
        String group = consumer.getConsumerGroup();
        TopicRouteData route = api.getTopicRouteInfoFromNameServer(topic, TIMEOUT_MILLIS);
        List<String> refusals = new ArrayList<>();
        for (BrokerData broker : route.getBrokerDatas()) {
            String master = broker.getBrokerAddrs().get(MixAll.MASTER_ID);
            try {
                api.setMessageRequestMode(master, topic, group, MessageRequestMode.POP, SHARE_ALL_QUEUES, TIMEOUT_MILLIS);
            } catch (Exception e) {
                if (e instanceof MQClientException refused
                    && refused.getResponseCode() == ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST) {
                    // no mode to wait for: such a broker never assigns a queue to the group
                    throw new IllegalStateException("consumeMode=POP: broker " + broker.getBrokerName()
                            + " has no subscription group " + group + " and creates none on first use"
                            + " (autoCreateSubscriptionGroup=false). Create it first: mqadmin updateSubGroup -n "
                            + namesrvAddr + " -c <cluster> -g " + group);
                }
                refusals.add(broker.getBrokerName() + " refused: " + e.getMessage());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ASSIGNMENT_WAIT_MILLIS);
        List<String> notPop = notInPopMode(consumer, client, route, topic);
        while (!notPop.isEmpty() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
            notPop = notInPopMode(consumer, client, route, topic);
        }
        if (!notPop.isEmpty()) {
            throw new IllegalStateException("consumeMode=POP: consumer group " + group + " does not pop topic " + topic
                                            + " on broker(s) " + notPop
                                            + (refusals.isEmpty() ? "" : " and switching it failed (" + refusals + ")")
                                            + ". Switch it with: mqadmin setConsumeMode -n " + namesrvAddr
                                            + " -c <cluster> -t " + topic + " -g " + group + " -m POP -q 0");
        }
        return route.getBrokerDatas().size();
    }

    /**
     * Switches brokers the topic gained after the start: the client asks one broker of the topic at random for the
     * group's assignment, and a broker answering PULL turned the whole consumer to pulling until the next ask answered
     * POP, every rebalance flipping between the two. Refusals are warned: the start's check no longer runs.
     *
     * @param topic the topic as the brokers know it (with the namespace)
     */
    static void switchOnJoined(DefaultMQPushConsumer consumer, String topic, Set<String> brokerNames) {
        MQClientAPIImpl api = consumer.getDefaultMQPushConsumerImpl().getmQClientFactory().getMQClientAPIImpl();
        try {
            for (BrokerData broker : api.getTopicRouteInfoFromNameServer(topic, TIMEOUT_MILLIS).getBrokerDatas()) {
                String master = broker.getBrokerAddrs().get(MixAll.MASTER_ID);
                if (brokerNames.contains(broker.getBrokerName()) && master != null) {
                    api.setMessageRequestMode(master, topic, consumer.getConsumerGroup(), MessageRequestMode.POP,
                            SHARE_ALL_QUEUES, TIMEOUT_MILLIS);
                }
            }
        } catch (Exception e) {
            LOG.warn("consumeMode=POP: cannot switch consumer group {} to POP on broker(s) {} that topic {} gained:"
                     + " their queues are pulled, and the group flips between pulling and popping; switch it with"
                     + " mqadmin setConsumeMode -t {} -g {} -m POP -q 0 ({})", consumer.getConsumerGroup(), brokerNames,
                    topic, topic, consumer.getConsumerGroup(), e.toString());
        }
    }

    private static List<String> notInPopMode(DefaultMQPushConsumer consumer, MQClientInstance client, TopicRouteData route,
                                             String topic) {
        List<String> notPop = new ArrayList<>();
        for (BrokerData broker : route.getBrokerDatas()) {
            if (!popMode(consumer, client, broker.getBrokerAddrs().get(MixAll.MASTER_ID), topic)) {
                notPop.add(broker.getBrokerName());
            }
        }
        return notPop;
    }

    private static boolean popMode(DefaultMQPushConsumer consumer, MQClientInstance client, String brokerAddr, String topic) {
        try {
            Set<MessageQueueAssignment> assignments = client.getMQClientAPIImpl().queryAssignment(brokerAddr, topic,
                    consumer.getConsumerGroup(), client.getClientId(), consumer.getAllocateMessageQueueStrategy().getName(),
                    MessageModel.CLUSTERING, TIMEOUT_MILLIS);
            return assignments != null && !assignments.isEmpty()
                   && assignments.stream().allMatch(a -> a.getMode() == MessageRequestMode.POP);
        } catch (Exception e) {
            return false;
        }
    }
}
