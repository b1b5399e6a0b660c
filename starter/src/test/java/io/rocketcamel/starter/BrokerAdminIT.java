package io.rocketcamel.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.console.UnansweredBrokers;
import io.rocketcamel.testsupport.TestClients;
import io.rocketcamel.testsupport.TestNames;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lag the metrics report for a group, read from every broker of its topic. RocketMQ's admin call for it asks only
 * the brokers of the group's retry topic, which a broker creates when the group's consumers heartbeat to it: a broker
 * the topic spread to while the group was stopped was not asked, and the backlog stored there was not counted.
 */
class BrokerAdminIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static EmbeddedRocketMQBroker cluster;
    private static TestClients clients;
    private static BrokerAdmin admin;
    private static RocketMQConfiguration configuration;

    @BeforeAll
    static void start() {
        cluster = EmbeddedRocketMQBroker.builder().brokers(2).start();
        clients = new TestClients(cluster.getNamesrvAddr());
        admin = new BrokerAdmin();
        configuration = new RocketMQConfiguration();
        configuration.setNamesrvAddr(cluster.getNamesrvAddr());
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (clients != null) {
            clients.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theLagCountsABrokerTheTopicSpreadToWhileTheGroupWasStopped() throws Exception {
        String topic = TestNames.unique("lag-spread");
        String group = TestNames.unique("lag-spread-group");
        cluster.createTopic("broker-a", topic, 2);
        Queue<MessageExt> received = new ConcurrentLinkedQueue<>();
        DefaultMQPushConsumer consumer = clients.collect(group, topic, "*", received);
        for (int i = 0; i < 4; i++) {
            send(topic, "broker-a", i % 2, "a-" + i);
        }
        await().atMost(DEADLINE).until(() -> received.size() == 4);
        // committed while it runs (every few seconds, each time for every queue): the raw client's last commit as it
        // shuts down is one-way, and a broker may drop one of a group's first commits (apache/rocketmq#10700)
        await().atMost(DEADLINE).until(() -> admin.lag(configuration, group, topic) == 0);
        consumer.shutdown();

        cluster.createTopic("broker-b", topic, 2);
        for (int i = 0; i < 3; i++) {
            send(topic, "broker-b", i % 2, "b-" + i);
        }
        send(topic, "broker-a", 0, "a-4");

        // 3 on broker-b, 1 on broker-a
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(admin.lag(configuration, group, topic)).isEqualTo(4));
        assertThat(admin.groupLag(configuration, group, topic, new UnansweredBrokers()).lag()).isEqualTo(4);
    }

    private static void send(String topic, String broker, int queueId, String body) throws Exception {
        clients.producer().send(new Message(topic, body.getBytes(StandardCharsets.UTF_8)),
                new MessageQueue(topic, broker, queueId));
    }
}
