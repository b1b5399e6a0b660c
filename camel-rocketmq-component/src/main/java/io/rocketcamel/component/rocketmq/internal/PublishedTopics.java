package io.rocketcamel.component.rocketmq.internal;

import java.util.Map;

import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.client.impl.producer.TopicPublishInfo;
import org.apache.rocketmq.client.producer.DefaultMQProducer;

/**
 * Makes a producer client publish to a topic before its first send: the client polls the routes of the topics in its
 * publish table and heartbeats to their brokers, so its health, and the broker's check-backs of its group, do not wait
 * for a send. Not the client's {@code setTopics}: that looks the routes up on the starting thread and fails the start
 * while no name server answers, and an application may start before its cluster does.
 */
public final class PublishedTopics {

    private PublishedTopics() {
    }

    /**
     * Adds the topic to the client's publish table, for its route poll; call before or after the client's start. The
     * key of the topic whose brokers create topics at their first message ({@code createTopicKey}, TBW102) comes with
     * it, so a health check can tell a topic not created yet from one no broker will create (RocketMQ's client looks
     * that key up quietly where it does not exist).
     */
    public static void add(DefaultMQProducer client, String topic) {
        Map<String, TopicPublishInfo> routes = client.getDefaultMQProducerImpl().getTopicPublishInfoTable();
        routes.putIfAbsent(client.withNamespace(topic), new TopicPublishInfo());
        routes.putIfAbsent(client.getCreateTopicKey(), new TopicPublishInfo());
    }

    /**
     * Adds the topic and, on a started client, looks its route up and heartbeats to its brokers now rather than at the
     * next poll (up to {@code pollNameServerInterval} later), as a first send would: a topic the name server does not
     * know yet takes the route of the brokers that create topics on their first message (or of none). A name server
     * that does not answer leaves it to that poll.
     */
    public static void addAndLookUp(DefaultMQProducer client, String topic) {
        add(client, topic);
        String name = client.withNamespace(topic);
        MQClientInstance factory = client.getDefaultMQProducerImpl().getMqClientFactory();
        try {
            factory.updateTopicRouteInfoFromNameServer(name);
            // add() put an entry, which a look-up that found a route replaced
            TopicPublishInfo route = client.getDefaultMQProducerImpl().getTopicPublishInfoTable().get(name);
            if (!route.isHaveTopicRouterInfo() && !route.ok()) {
                factory.updateTopicRouteInfoFromNameServer(name, true, client);
            }
            factory.sendHeartbeatToAllBrokerWithLock();
        } catch (IllegalStateException unreachable) {
            // the client wraps the name server's RemotingException: its route poll tries again, health reports it
        }
    }
}
