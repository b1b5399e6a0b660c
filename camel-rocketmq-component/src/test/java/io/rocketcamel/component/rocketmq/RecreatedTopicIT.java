package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Level;
import io.rocketcamel.testsupport.CapturedLogs;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A topic deleted and created again while a clustering route consumes it (an operator's mqadmin deleteTopic and
 * updateTopic, which also clean the group's offsets on the broker): the consumer's offsets in memory are past the
 * new queues' ends, the broker refuses them, and RocketMQ's client moved them to the ends, skipping every message
 * already sent to the new topic.
 */
class RecreatedTopicIT extends RocketMQITSupport {

    @Test
    void aRunningClusteringRouteConsumesWhatARecreatedTopicHolds() throws Exception {
        String topic = topic("recreated", 2);
        String group = unique("recreated-g");
        List<String> received = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + group + "&consumeFromWhere=FIRST_OFFSET")
                        .process(e -> received.add(text(e.getMessage().getBody())));
            }
        });
        IntStream.range(0, 8).forEach(i -> template.sendBody("rocketmq:" + topic, "old-" + i));
        await().atMost(seconds(20)).until(() -> received.size() == 8);

        // what AdminBrokerProcessor.deleteTopic does on the broker, then the topic created again
        brokerController().getTopicConfigManager().deleteTopicConfig(topic);
        brokerController().getConsumerOffsetManager().cleanOffsetByTopic(topic);
        brokerController().getMessageStore().deleteTopics(Set.of(topic));
        broker.createTopic(topic, 2);
        received.clear();
        try (CapturedLogs logged = new CapturedLogs("io.rocketcamel.component.rocketmq.consumer.offsets")) {
            IntStream.range(0, 4).forEach(i -> template.sendBody("rocketmq:" + topic, "new-" + i));

            await().atMost(seconds(30)).untilAsserted(() -> assertThat(received).containsExactlyInAnyOrder("new-0",
                    "new-1", "new-2", "new-3"));
            assertThat(logged.messages(Level.WARN)).isNotEmpty().allSatisfy(warning -> assertThat(warning)
                    .contains("Offset 4 of MessageQueue [topic=" + topic, "(consumer group " + group + ")",
                            "past the queue's end"));
        }
    }
}
