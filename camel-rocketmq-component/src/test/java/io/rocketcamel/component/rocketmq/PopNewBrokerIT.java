package io.rocketcamel.component.rocketmq;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.broker.junit.EmbeddedRocketMQ;
import io.rocketcamel.testsupport.TestClients;
import io.rocketcamel.testsupport.TestNames;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.common.message.MessageRequestMode;
import org.apache.rocketmq.remoting.protocol.body.SetMessageRequestModeRequestBody;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A POP consumer switches its group to POP on the topic's brokers as it starts. A broker the topic gained later kept
 * answering PULL; the client asks one broker of the topic at random for the group's assignment, so the consumer
 * flipped between pulling and popping every queue at each rebalance (an audit counted about 20 flips in 40 s).
 */
@EmbeddedRocketMQ(brokers = 2, shared = false)
class PopNewBrokerIT {

    @Test
    void aBrokerTheTopicGainsAfterThePopRouteStartedIsSwitchedToPop(EmbeddedRocketMQBroker broker) throws Exception {
        String topic = TestNames.unique("pop-new-broker");
        String group = TestNames.unique("g");
        broker.createTopic("broker-a", topic, 2);
        CamelContext context = RocketMQITSupport.newContext(broker);
        List<String> received = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + group + "&consumeMode=POP&popInvisibleTime=5s")
                        .process(e -> received.add(RocketMQITSupport.text(e.getMessage().getBody())));
            }
        });
        context.start();
        try (TestClients clients = new TestClients(broker.getNamesrvAddr())) {
            assertThat(requestMode(broker, "broker-a", topic, group)).as("switched at the start")
                    .isEqualTo(MessageRequestMode.POP);
            broker.createTopic("broker-b", topic, 2);

            // the consumer sees the broker at its next route look-up (every second here)
            await().atMost(RocketMQITSupport.seconds(20))
                    .until(() -> requestMode(broker, "broker-b", topic, group) == MessageRequestMode.POP);
            DefaultMQProducer producer = clients.producer();
            for (int queueId = 0; queueId < 2; queueId++) {
                producer.send(new Message(topic, ("on-b-" + queueId).getBytes(StandardCharsets.UTF_8)),
                        new MessageQueue(topic, "broker-b", queueId));
            }
            // a broker answers the group's assignment from its own view of the topic's queues, which it refreshes
            // every loadBalancePollNameServerInterval (30 s): broker-a may not hand out broker-b's queues before then
            await().atMost(RocketMQITSupport.seconds(60)).until(() -> received.size() >= 2);
            assertThat(received).containsExactlyInAnyOrder("on-b-0", "on-b-1");
        } finally {
            context.stop();
        }
    }

    /** The mode the broker answers the group's assignment queries with; null when nothing set it (PULL). */
    private static MessageRequestMode requestMode(EmbeddedRocketMQBroker broker, String brokerName, String topic,
                                                  String group) {
        SetMessageRequestModeRequestBody mode = broker.getBrokerController(brokerName).getQueryAssignmentProcessor()
                .getMessageRequestModeManager().getMessageRequestMode(topic, group);
        return mode == null ? null : mode.getMode();
    }
}
