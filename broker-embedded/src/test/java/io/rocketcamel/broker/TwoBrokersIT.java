package io.rocketcamel.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rocketcamel.broker.junit.EmbeddedRocketMQ;
import io.rocketcamel.testsupport.TestClients;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Two brokers under one name server: queues spread over both, and sends go on when one stops. */
@EmbeddedRocketMQ(brokers = 2, shared = false, topics = "spread", queues = 4)
class TwoBrokersIT {

    private static String outerNamesrv;

    @BeforeAll
    static void recordTheClassesBroker(EmbeddedRocketMQBroker broker) {
        outerNamesrv = broker.getNamesrvAddr();
    }

    @Test
    void queuesSpreadOverBothBrokersAndSendsFailOverWhenOneStops(EmbeddedRocketMQBroker broker) throws Exception {
        assertThat(broker.getBrokerNames()).containsExactly("broker-a", "broker-b");
        try (TestClients clients = new TestClients(broker.getNamesrvAddr())) {
            DefaultMQProducer producer = clients.producer();
            Set<String> brokersOfQueues = producer.fetchPublishMessageQueues("spread").stream()
                    .map(MessageQueue::getBrokerName).collect(Collectors.toSet());
            assertThat(producer.fetchPublishMessageQueues("spread")).hasSize(8);
            assertThat(brokersOfQueues).containsExactlyInAnyOrder("broker-a", "broker-b");

            Map<String, Integer> before = sendAndCount(producer, 40);
            assertThat(before.keySet()).containsExactlyInAnyOrder("broker-a", "broker-b");

            broker.stopBroker("broker-a");
            assertThat(broker.getBrokerNames()).containsExactly("broker-b");
            Map<String, Integer> after = sendAndCount(producer, 40);
            assertThat(after).containsOnlyKeys("broker-b").containsEntry("broker-b", 40);
        }
    }

    @Test
    void aTopicCreatedOnOneBrokerHasQueuesThereOnly(EmbeddedRocketMQBroker broker) throws Exception {
        broker.createTopic("broker-b", "on-b-only", 3);

        try (TestClients clients = new TestClients(broker.getNamesrvAddr())) {
            assertThat(clients.producer().fetchPublishMessageQueues("on-b-only")).extracting(MessageQueue::getBrokerName)
                    .containsExactly("broker-b", "broker-b", "broker-b");
        }
        assertThatThrownBy(() -> broker.createTopic("broker-c", "nowhere", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("No running broker named 'broker-c'; running: ");
    }

    private static Map<String, Integer> sendAndCount(DefaultMQProducer producer, int count) throws Exception {
        Map<String, Integer> perBroker = new HashMap<>();
        for (int i = 0; i < count; i++) {
            SendResult result = producer.send(new Message("spread", ("m" + i).getBytes(StandardCharsets.UTF_8)));
            assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            perBroker.merge(result.getMessageQueue().getBrokerName(), 1, Integer::sum);
        }
        return perBroker;
    }

    /** JUnit hands the extension to nested classes too: they get the enclosing class's broker. */
    @Nested
    class InANestedClass {

        @Test
        void theEnclosingClassesBrokerIsInjected(EmbeddedRocketMQBroker broker) {
            assertThat(broker.getNamesrvAddr()).isEqualTo(outerNamesrv);
        }
    }
}
