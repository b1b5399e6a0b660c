package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FilterIT extends RocketMQITSupport {

    private final List<String> received = new CopyOnWriteArrayList<>();

    private void consume(String uri) throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).process(e -> received.add(text(e.getMessage().getBody())));
            }
        });
    }

    @Test
    void aTagsConsumerGetsOnlyItsTagsAndTheBrokerDeliversNothingElse() throws Exception {
        String topic = topic("logs", 4);
        String group = unique("errors");
        consume("rocketmq:" + topic + "?consumerGroup=" + group + "&tags=ERROR||WARN");

        IntStream.range(0, 30).forEach(i -> {
            template.sendBodyAndHeader("rocketmq:" + topic, "info-" + i, RocketMQConstants.TAGS, "INFO");
            template.sendBodyAndHeader("rocketmq:" + topic, "error-" + i, RocketMQConstants.TAGS, "ERROR");
        });
        IntStream.range(0, 10).forEach(i -> template.sendBody("rocketmq:" + topic + "?tags=WARN", "warn-" + i));
        template.sendBodyAndHeader("rocketmq:" + topic, "last", RocketMQConstants.TAGS, "ERROR");

        await().atMost(seconds(20)).until(() -> received.contains("last") && received.size() >= 41);
        assertThat(received).hasSize(41).noneMatch(body -> body.startsWith("info"));
        assertThat(received.stream().filter(b -> b.startsWith("warn"))).hasSize(10);
        await().atMost(seconds(5)).until(() -> deliveredByBroker(topic, group) >= 41);
        assertThat(deliveredByBroker(topic, group)).isEqualTo(41);
    }

    @Test
    void anSqlConsumerGetsOnlyMatchingProperties() throws Exception {
        String topic = topic("sql", 4);
        String group = unique("slow-errors");
        consume("rocketmq:" + topic + "?consumerGroup=" + group + "&sql=level = 'ERROR' AND latencyMs > 500");

        IntStream.range(0, 20).forEach(i -> template.send("rocketmq:" + topic, e -> {
            e.getMessage().setBody("m-" + i);
            e.getMessage().setHeader("level", i % 2 == 0 ? "ERROR" : "INFO");
            e.getMessage().setHeader("latencyMs", i * 50);
        }));

        List<String> expected = IntStream.range(0, 20).filter(i -> i % 2 == 0 && i * 50 > 500).mapToObj(i -> "m-" + i).toList();
        await().atMost(seconds(20)).until(() -> received.size() >= expected.size());
        await().atMost(seconds(5)).until(() -> deliveredByBroker(topic, group) >= expected.size());
        assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(deliveredByBroker(topic, group)).isEqualTo(expected.size());
    }
}
