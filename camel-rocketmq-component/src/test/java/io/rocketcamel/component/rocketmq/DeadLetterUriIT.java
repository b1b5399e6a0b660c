package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
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
            assertThat(dead.getMessage().getHeader(RocketMQConstants.DEAD_LETTER_ORIGIN_TOPIC, String.class))
                    .endsWith(topic);
            assertThat(dead.getMessage().getHeader(RocketMQConstants.DEAD_LETTER_CONSUMER_GROUP)).isEqualTo(group);
            assertThat(dead.getMessage().getHeader(RocketMQConstants.DEAD_LETTER_ATTEMPTS)).isEqualTo(3);
        });
        assertThat(broker.messages("%DLQ%" + group, 0)).isEmpty();
    }

    /**
     * Parked on a topic, a dead letter kept nothing of where it came from: the component's CamelRocketMQ headers are
     * not sent on, and the failure is an exchange property. It now carries its origin as user properties.
     */
    @Test
    void aDeadLetterParkedOnATopicSaysWhereItCameFromAndWhy() throws Exception {
        String topic = topic("dlq-uri-origin", 1);
        String parked = topic("dlq-uri-parked", 1);
        String group = unique("g");
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + group + "&maxReconsumeTimes=0&deadLetterUri=rocketmq:"
                     + parked).throwException(new IllegalStateException("cannot price"));
            }
        });

        String messageId = template.send("rocketmq:" + topic, e -> e.getMessage().setBody("order-7")).getMessage()
                .getHeader(RocketMQConstants.MESSAGE_ID, String.class);

        MessageExt dead = broker.awaitMessages(parked, 1, seconds(60)).get(0);
        assertThat(text(dead.getBody())).isEqualTo("order-7");
        assertThat(dead.getUserProperty(RocketMQConstants.DEAD_LETTER_ORIGIN_TOPIC)).isEqualTo(topic);
        assertThat(dead.getUserProperty(RocketMQConstants.DEAD_LETTER_ORIGIN_MESSAGE_ID)).isEqualTo(messageId);
        assertThat(dead.getUserProperty(RocketMQConstants.DEAD_LETTER_CONSUMER_GROUP)).isEqualTo(group);
        assertThat(dead.getUserProperty(RocketMQConstants.DEAD_LETTER_ATTEMPTS)).isEqualTo("1");
        assertThat(dead.getUserProperty(RocketMQConstants.DEAD_LETTER_FAILURE))
                .isEqualTo("java.lang.IllegalStateException: cannot price");
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

    /**
     * A consumed batch at its last attempt whose dead-letter endpoint refuses one message: the messages parked before
     * it were dead-lettered again with the rest (%DLQ%, or parked once per round of a broadcasting node's retries).
     * Each message is given up once: parked, or, after the refusal, in %DLQ% (a broadcasting node retries the rest).
     */
    @ParameterizedTest
    @ValueSource(strings = { "", "&consumeMode=POP", "&messageModel=BROADCASTING&suspendTime=10",
        "&consumeMode=ORDERLY&suspendTime=100" })
    void aBatchWhoseDeadLetterEndpointRefusesOneIsGivenUpOnceEach(String mode) throws Exception {
        String topic = topic("dlq-batch", 1);
        String group = unique("g");
        boolean broadcasting = mode.contains("BROADCASTING");
        List<String> parked = new CopyOnWriteArrayList<>();
        AtomicInteger refusals = new AtomicInteger();
        // a broadcasting node retries its dead letters until they are taken: b is taken at the third try
        template.sendBody("rocketmq:" + topic, List.of("a", "b", "c"));
        start(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("direct:parked").process(e -> {
                    String body = text(e.getMessage().getBody());
                    if (body.equals("b") && (!broadcasting || refusals.incrementAndGet() <= 2)) {
                        throw new IllegalStateException("the parking lot refuses b");
                    }
                    parked.add(body);
                });
                from("rocketmq:" + topic + "?consumerGroup=" + group + "&maxReconsumeTimes=0"
                     + "&deadLetterUri=direct:parked&consumeFromWhere=FIRST_OFFSET&consumeBatchSize=3"
                     + "&offsetStoreDir=target/dlq-offsets" + mode)
                        .throwException(new IllegalStateException("cannot price"));
            }
        });

        // ORDERLY: the client gives the batch up whole, so the parked one is in %DLQ% too (documented); b and c in
        // neither would be lost
        List<String> expectedParked = broadcasting ? List.of("a", "b", "c") : List.of("a");
        List<String> expectedDlq = broadcasting ? List.of() : mode.contains("ORDERLY") ? List.of("a", "b", "c")
                : List.of("b", "c");
        await().atMost(seconds(60)).until(() -> parked.size() + dlq(group).size() >= expectedParked.size()
                                                                               + expectedDlq.size());
        await().during(seconds(3)).atMost(seconds(10)).untilAsserted(() -> {
            assertThat(parked).as("parked").containsExactlyElementsOf(expectedParked);
            assertThat(dlq(group)).as("%%DLQ%%").containsExactlyInAnyOrderElementsOf(expectedDlq);
        });
    }

    private List<String> dlq(String group) {
        return broker.messages("%DLQ%" + group).stream().map(m -> text(m.getBody())).toList();
    }
}
