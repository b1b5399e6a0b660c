package io.rocketcamel.component.rocketmq;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.testsupport.TestClients;
import org.apache.camel.builder.RouteBuilder;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.store.config.BrokerRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A new clustering group that starts at the end of a queue (consumeFromWhere LAST_OFFSET, the default) must keep that
 * start: RocketMQ's client decides it but stores nothing until a message is consumed
 * there or its first long poll returns empty (about 15 s), so a group stopped before either asked again at its next
 * start, and started at the queue's new end, skipping what arrived while it was stopped. The broker answers "no
 * offset" only for a queue whose first messages are gone (retention) or out of its page cache; the test removes a
 * queue's first messages as retention does.
 */
@Execution(ExecutionMode.CONCURRENT) // each case waits for rebalances, on topics and groups of its own
class NewGroupStartOffsetIT extends RocketMQITSupport {

    @Test
    void aMessageSentWhileANewGroupIsStoppedIsConsumedAfterItsRestart() throws Exception {
        String topic = topic("new-group", 2);
        String brokerName = broker.getBrokerNames().get(0);
        MessageQueue probed = new MessageQueue(topic, brokerName, 0);
        MessageQueue quiet = new MessageQueue(topic, brokerName, 1);
        try (TestClients clients = new TestClients(broker.getNamesrvAddr())) {
            DefaultMQProducer producer = clients.producer();
            // retention removed the quiet queue's first messages: the broker holds no offset there for a new group
            sendAndExpire(producer, quiet);

            List<String> received = new CopyOnWriteArrayList<>();
            start(new RouteBuilder() {
                @Override
                public void configure() {
                    from("rocketmq:" + topic + "?consumerGroup=" + unique("new-group-g")).routeId("consumer")
                            .process(e -> received.add(text(e.getMessage().getBody())));
                }
            });
            producer.send(message(topic, "probe"), probed);
            // the probe consumed shows the group's one consumer has both queues; the quiet one got no message
            await().atMost(seconds(20)).until(() -> received.contains("probe"));
            context.getRouteController().stopRoute("consumer");

            producer.send(message(topic, "sent-while-stopped"), quiet);
            context.getRouteController().startRoute("consumer");

            await().atMost(seconds(20)).until(() -> received.contains("sent-while-stopped"));
            assertThat(received).containsExactly("probe", "sent-while-stopped");
        }
    }

    /**
     * LAST_OFFSET starts a new group, or a new broadcast node, at the end the queue had when its consumer started:
     * RocketMQ's client gets its first queues a second or more after it starts (its rebalance service waits that long),
     * and read the end then, past a message sent right after the route had started.
     */
    @ParameterizedTest
    @EnumSource(MessageModel.class)
    void aMessageSentRightAfterANewGroupsRouteStartedIsConsumed(MessageModel model) throws Exception {
        String topic = topic("new-group-start", 1);
        MessageQueue queue = new MessageQueue(topic, broker.getBrokerNames().get(0), 0);
        try (TestClients clients = new TestClients(broker.getNamesrvAddr())) {
            DefaultMQProducer producer = clients.producer();
            sendAndExpire(producer, queue);

            List<String> received = consume(topic, "new-group-start-g", model);
            producer.send(message(topic, "sent-after-start"), queue);

            await().atMost(seconds(20)).until(() -> received.contains("sent-after-start"));
            assertThat(received).containsExactly("sent-after-start");
        }
    }

    /**
     * POP: a broker starts a new group at a queue's last message, and only when the group's first pop comes: a burst
     * sent between the route's start and that pop lost all but its last message (one message, as this test sent
     * before, always passed).
     */
    @Test
    void aBurstSentRightAfterANewPopGroupsRouteStartedIsConsumedWhole() throws Exception {
        String topic = topic("new-group-pop-burst", 1);
        MessageQueue queue = new MessageQueue(topic, broker.getBrokerNames().get(0), 0);
        try (TestClients clients = new TestClients(broker.getNamesrvAddr())) {
            DefaultMQProducer producer = clients.producer();
            sendAndExpire(producer, queue);
            List<String> received = consume(topic, "new-group-pop-burst-g", "consumeMode=POP");
            List<String> burst = List.of("burst-1", "burst-2", "burst-3", "burst-4", "burst-5");
            for (String body : burst) {
                producer.send(message(topic, body), queue);
            }

            await().atMost(seconds(20)).untilAsserted(() -> assertThat(received).as("received").containsAll(burst));
            assertThat(received).containsExactlyInAnyOrderElementsOf(burst);
        }
    }

    /**
     * A topic created after the consumer started holds only messages sent after it started: all are consumed, soon. A
     * broadcast node read the new queue from its end when its client got it, up to 20 s after the topic appeared.
     */
    @ParameterizedTest
    @EnumSource(MessageModel.class)
    void theFirstMessagesOfATopicCreatedAfterTheRouteStartedAreConsumed(MessageModel model) throws Exception {
        String topic = unique("new-group-late-topic");
        List<String> received = consume(topic, "new-group-late-g", model);
        broker.createTopic(topic, 1);
        try (TestClients clients = new TestClients(broker.getNamesrvAddr())) {
            DefaultMQProducer producer = clients.producer();
            producer.send(message(topic, "first"));
            producer.send(message(topic, "second"));

            // the client sees the topic at its next route look-up (every second here) and takes its queues at once,
            // not at its next periodic rebalance, up to 20 s later
            await().atMost(seconds(12)).until(() -> received.size() >= 2);
            assertThat(received).containsExactlyInAnyOrder("first", "second");
        }
    }

    /**
     * A queue added to the topic after the consumer started holds only messages sent after it started: consumed, soon.
     * Consumers got it at their client's next periodic rebalance, up to 20 s later, and a broadcast node read it from
     * its end then.
     */
    @ParameterizedTest
    @EnumSource(MessageModel.class)
    void theFirstMessagesOfAQueueAddedAfterTheRouteStartedAreConsumed(MessageModel model) throws Exception {
        String topic = topic("new-group-more-queues", 1);
        List<String> received = consume(topic, "new-group-more-queues-g", model);
        try (TestClients clients = new TestClients(broker.getNamesrvAddr())) {
            DefaultMQProducer producer = clients.producer();
            String brokerName = broker.getBrokerNames().get(0);
            producer.send(message(topic, "before"), new MessageQueue(topic, brokerName, 0));
            await().atMost(seconds(20)).until(() -> received.contains("before"));

            broker.createTopic(topic, 2);
            producer.send(message(topic, "on-the-new-queue"), new MessageQueue(topic, brokerName, 1));

            // the client sees the new queue at its next route look-up (every second here) and takes it at once, not
            // at its next periodic rebalance, up to 20 s later
            await().atMost(seconds(12)).until(() -> received.contains("on-the-new-queue"));
            assertThat(received).containsExactly("before", "on-the-new-queue");
        }
    }

    /**
     * A broker the topic's route did not name when the consumer started (away then, or added since) may hold messages
     * from before the start, so the group does not read it from its start; it read it from the queue's end when its
     * client got the queue, up to pollNameServerInterval after the broker came, skipping what was stored meanwhile. The
     * joining broker here has its queue's first messages gone, as a broker with a history has: the broker then has no
     * start of its own to offer a new group.
     */
    @ParameterizedTest
    @EnumSource(MessageModel.class)
    void aMessageStoredOnABrokerThatCameAfterTheRouteStartedIsConsumed(MessageModel model) throws Exception {
        String topic = topic("new-group-late-broker", 1);
        String lateBroker = unique("broker-late");
        // the client looks for new brokers every 10 s: the message below is stored before it finds this one
        List<String> received = consume(topic, "new-group-late-broker-g",
                "messageModel=" + model + "&pollNameServerInterval=10000");
        try (TestClients clients = new TestClients(broker.getNamesrvAddr())) {
            clients.producer().send(message(topic, "probe"), new MessageQueue(topic, broker.getBrokerNames().get(0), 0));
            await().atMost(seconds(20)).until(() -> received.contains("probe"));
        }
        try (EmbeddedRocketMQBroker late = EmbeddedRocketMQBroker.builder().externalNameServer(broker.getNamesrvAddr())
                .clusterName("late-brokers").broker(lateBroker, 0, BrokerRole.ASYNC_MASTER).topic(topic, 1).start();
             TestClients clients = new TestClients(broker.getNamesrvAddr())) {
            MessageQueue queue = new MessageQueue(topic, lateBroker, 0);
            DefaultMQProducer producer = clients.producer();
            for (int i = 0; i < 3; i++) {
                producer.send(message(topic, "gone-" + i), queue);
            }
            late.removeFirstMessages(lateBroker, topic, 0, 3);
            producer.send(message(topic, "on-the-late-broker"), queue);

            // the client sees the broker at its next route look-up, the route watch at its next look, each within 10 s
            await().atMost(seconds(45)).until(() -> received.contains("on-the-late-broker"));
            assertThat(received).containsExactly("probe", "on-the-late-broker");
            // the route stops before the late broker does
            context.stop();
        }
    }

    /** Starts a route of a new group in that model; the bodies it receives, in their order. */
    private List<String> consume(String topic, String groupPrefix, MessageModel model) throws Exception {
        return consume(topic, groupPrefix, "messageModel=" + model);
    }

    /** Starts a route of a new group with those options; the bodies it receives, in their order. */
    private List<String> consume(String topic, String groupPrefix, String options) throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + unique(groupPrefix) + "&" + options)
                        .process(e -> received.add(text(e.getMessage().getBody())));
            }
        });
        return received;
    }

    /** Three messages on the queue, then gone as retention removes them. */
    private void sendAndExpire(DefaultMQProducer producer, MessageQueue queue) throws Exception {
        for (int i = 0; i < 3; i++) {
            producer.send(message(queue.getTopic(), "expired-" + i), queue);
        }
        removeFirstMessages(queue.getTopic(), queue.getQueueId(), 3);
    }

    private static Message message(String topic, String body) {
        return new Message(topic, body.getBytes(StandardCharsets.UTF_8));
    }
}
