package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The last attempt fails on a thread the route left interrupted: the message goes to deadLetterUri (a rocketmq:
 * endpoint, sent SYNC on the consume thread), not to the group's %DLQ%.
 */
class InterruptedDeadLetterIT extends RocketMQITSupport {

    @ParameterizedTest
    @ValueSource(strings = { "ORDERLY", "CONCURRENTLY" })
    void theLastFailureOnAnInterruptedThreadGoesToDeadLetterUri(String mode) throws Exception {
        String topic = topic("int-dl-" + mode.toLowerCase(), 1);
        String deadTopic = topic("int-dl-parked", 1);
        String group = unique("g");
        List<String> attempts = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("rocketmq:" + topic + "?consumerGroup=" + group + "&consumeMode=" + mode
                     + "&maxReconsumeTimes=0&deadLetterUri=rocketmq:" + deadTopic)
                        .process(e -> {
                            attempts.add(text(e.getMessage().getBody()));
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException("interrupted while it waited");
                        });
            }
        });
        template.sendBody("rocketmq:" + topic, "order-1");

        await().atMost(seconds(30)).until(() -> !broker.messages(deadTopic, 0).isEmpty()
                                                || !broker.messages("%DLQ%" + group, 0).isEmpty());
        assertThat(attempts).as("attempts with maxReconsumeTimes=0").containsExactly("order-1");
        assertThat(broker.messages(deadTopic, 0)).as("deadLetterUri topic (%%DLQ%% holds %d)",
                broker.messages("%DLQ%" + group, 0).size()).hasSize(1);
        assertThat(broker.messages("%DLQ%" + group, 0)).isEmpty();
    }
}
