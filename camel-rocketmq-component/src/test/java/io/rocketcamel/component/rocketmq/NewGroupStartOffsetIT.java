package io.rocketcamel.component.rocketmq;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rocketcamel.testsupport.TestClients;
import org.apache.camel.builder.RouteBuilder;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.store.ConsumeQueue;
import org.junit.jupiter.api.Test;

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
class NewGroupStartOffsetIT extends RocketMQITSupport {

    @Test
    void aMessageSentWhileANewGroupIsStoppedIsConsumedAfterItsRestart() throws Exception {
        String topic = topic("new-group", 2);
        String brokerName = broker.getBrokerNames().get(0);
        MessageQueue probed = new MessageQueue(topic, brokerName, 0);
        MessageQueue quiet = new MessageQueue(topic, brokerName, 1);
        try (TestClients clients = new TestClients(broker.getNamesrvAddr())) {
            DefaultMQProducer producer = clients.producer();
            for (int i = 0; i < 3; i++) {
                producer.send(message(topic, "expired-" + i), quiet);
            }
            // retention removed the quiet queue's first messages: the broker holds no offset there for a new group
            ((ConsumeQueue) brokerController().getMessageStore().getConsumeQueue(topic, 1))
                    .setMinLogicOffset(3L * ConsumeQueue.CQ_STORE_UNIT_SIZE);

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

    private static Message message(String topic, String body) {
        return new Message(topic, body.getBytes(StandardCharsets.UTF_8));
    }
}
