package io.rocketcamel.component.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.rocketcamel.testsupport.TestClients;
import org.apache.camel.builder.RouteBuilder;
import io.rocketcamel.component.rocketmq.consumer.RocketMQConsumer;
import org.apache.rocketmq.broker.client.ConsumerGroupInfo;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.remoting.protocol.heartbeat.ConsumerData;
import org.apache.rocketmq.remoting.protocol.heartbeat.HeartbeatData;
import org.junit.jupiter.api.Test;

/**
 * A broker can list one consumer of a group twice: once per connection it registered from. After a broker hung, it
 * read the heartbeats the client had sent on connections it then closed, some after their closes, and kept those
 * connections for 120 s (scenario 9 of docs/reliability.md: a group listed 10 times with one consumer). Here a second
 * connection registers the consumer's id again, as such a heartbeat does. The client's allocation counted the
 * consumer twice and kept half of the topic's queues, whose messages then waited for no one.
 */
class ConsumerListedTwiceIT extends RocketMQITSupport {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @Test
    void aConsumerListedTwiceStillConsumesEveryQueue() throws Exception {
        String topic = topic("listed-twice", 8);
        String group = unique("listed-twice-group");
        List<String> received = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + group)
                        .process(e -> received.add(e.getMessage().getBody(String.class)));
            }
        });
        try (TestClients clients = new TestClients(broker.getNamesrvAddr())) {
            DefaultMQProducer producer = clients.producer();
            producer.send(new Message(topic, "before".getBytes(StandardCharsets.UTF_8)));
            await().atMost(DEADLINE).until(() -> received.contains("before"));

            ConsumerGroupInfo registered = brokerController().getConsumerManager().getConsumerGroupInfo(group);
            String consumer = registered.getAllClientId().get(0);
            HeartbeatData again = new HeartbeatData();
            again.setClientID(consumer);
            ConsumerData data = new ConsumerData();
            data.setGroupName(group);
            data.setConsumeType(registered.getConsumeType());
            data.setMessageModel(registered.getMessageModel());
            data.setConsumeFromWhere(registered.getConsumeFromWhere());
            data.getSubscriptionDataSet().addAll(registered.getSubscriptionTable().values());
            again.getConsumerDataSet().add(data);
            producer.getDefaultMQProducerImpl().getmQClientFactory().getMQClientAPIImpl()
                    .sendHeartbeat(broker.getBrokerAddr(broker.getBrokerNames().get(0)), again, 3000);
            assertThat(registered.getAllClientId()).containsExactly(consumer, consumer);
            // the rebalance the broker's notice of the change starts, run here so that it has run before the sends
            DefaultMQPushConsumer client = ((RocketMQConsumer) context.getRoutes().get(0).getConsumer()).client();
            client.getDefaultMQPushConsumerImpl().doRebalance();
            assertThat(client.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable().keySet())
                    .as("queues the consumer holds").filteredOn(queue -> queue.getTopic().equals(topic)).hasSize(8);

            Set<String> sent = IntStream.range(0, 16).mapToObj(i -> "after-" + i).collect(Collectors.toSet());
            for (String body : sent) {
                producer.send(new Message(topic, body.getBytes(StandardCharsets.UTF_8)));
            }
            await().atMost(DEADLINE).untilAsserted(() -> assertThat(received).containsAll(sent));
        }
    }
}
