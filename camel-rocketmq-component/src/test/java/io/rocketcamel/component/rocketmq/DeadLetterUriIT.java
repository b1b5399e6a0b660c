package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * deadLetterUri in every message model and consume mode: after its last failed attempt a message reaches the
 * dead-letter endpoint with its body, headers and the failure, and the group's own %DLQ% topic stays empty.
 */
class DeadLetterUriIT extends RocketMQITSupport {

    @ParameterizedTest
    @ValueSource(strings = { "", "&consumeMode=ORDERLY&suspendTime=100", "&messageModel=BROADCASTING&suspendTime=100" })
    void aMessageThatKeepsFailingReachesTheDeadLetterEndpointAfterItsLastAttempt(String mode) throws Exception {
        String topic = topic("dlq-uri", 1);
        String group = unique("g");
        List<String> attempts = new CopyOnWriteArrayList<>();
        List<Exchange> deadLetters = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("direct:parked").process(e -> deadLetters.add(e.copy()));
                from("rocketmq:" + topic + "?consumerGroup=" + group + "&maxReconsumeTimes=2&deadLetterUri=direct:parked"
                     + "&consumeFromWhere=FIRST_OFFSET&offsetStoreDir=target/dlq-offsets" + mode)
                        .process(e -> {
                            attempts.add(text(e.getMessage().getBody()));
                            throw new IllegalStateException("cannot price " + text(e.getMessage().getBody()));
                        });
            }
        });

        template.sendBodyAndHeader("rocketmq:" + topic + "?keys=order-9", "order-9", "region", "eu");

        await().atMost(seconds(60)).until(() -> !deadLetters.isEmpty());
        assertThat(attempts).containsExactly("order-9", "order-9", "order-9");
        assertThat(deadLetters).singleElement().satisfies(dead -> {
            assertThat(text(dead.getMessage().getBody())).isEqualTo("order-9");
            assertThat(dead.getMessage().getHeader("region")).isEqualTo("eu");
            assertThat(dead.getMessage().getHeader(RocketMQConstants.KEYS)).isEqualTo("order-9");
            assertThat(dead.getMessage().getHeader(RocketMQConstants.TOPIC, String.class)).endsWith(topic);
            assertThat(dead.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)).hasMessage("cannot price order-9");
        });
        assertThat(broker.messages("%DLQ%" + group, 0)).isEmpty();
    }

    /**
     * A dead-letter route that marks its exchange rollback-only has not taken the message, as a consuming route that
     * does so has not processed it: the message falls back to the group's %DLQ% topic. It was counted as delivered
     * and acknowledged, in neither place.
     */
    @ParameterizedTest
    @ValueSource(strings = { "", "&consumeMode=ORDERLY&suspendTime=100", "&consumeMode=POP" })
    void aDeadLetterMarkedRollbackOnlyFallsBackToTheDeadLetterTopic(String mode) throws Exception {
        String topic = topic("dlq-rollback", 1);
        String group = unique("g");
        List<String> parked = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("direct:parked").process(e -> parked.add(text(e.getMessage().getBody()))).markRollbackOnly();
                from("rocketmq:" + topic + "?consumerGroup=" + group + "&maxReconsumeTimes=0&deadLetterUri=direct:parked"
                     + "&consumeFromWhere=FIRST_OFFSET" + mode)
                        .throwException(new IllegalStateException("cannot price"));
            }
        });

        template.sendBody("rocketmq:" + topic, "order-1");

        await().atMost(seconds(60)).until(() -> !parked.isEmpty());
        await().atMost(seconds(20)).untilAsserted(() -> assertThat(broker.messages("%DLQ%" + group, 0))
                .as("%%DLQ%% after dead letters %s", parked).isNotEmpty());
        assertThat(broker.messages("%DLQ%" + group, 0)).allSatisfy(m -> assertThat(text(m.getBody())).isEqualTo("order-1"));
    }
}
