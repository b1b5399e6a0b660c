package io.rocketcamel.component.rocketmq;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the consumer does with the outcome of an exchange: rollback-only is a failure, a batch consumer always gets a
 * list, requests inside a batch get their replies.
 */
class ConsumerOutcomeIT extends RocketMQITSupport {

    @Test
    void anExchangeMarkedRollbackOnlyIsRedelivered() throws Exception {
        String topic = topic("rollback-only", 2);
        AtomicInteger rollbacksLeft = new AtomicInteger(1);
        List<String> attempts = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g")).process(e -> {
                    attempts.add(text(e.getMessage().getBody()));
                    if (rollbacksLeft.getAndDecrement() > 0) {
                        e.setRollbackOnly(true);
                    }
                });
            }
        });

        template.sendBody("rocketmq:" + topic, "invoice-1");

        await().atMost(seconds(30)).until(() -> attempts.size() >= 2);
        assertThat(attempts).containsExactly("invoice-1", "invoice-1");
    }

    /**
     * Camel's dead letter channel swallows a failure of its own endpoint by default, so the consumer acknowledges a
     * message parked nowhere (documented); deadLetterHandleNewException(false) fails the exchange and it comes back.
     */
    @ParameterizedTest
    @ValueSource(booleans = { true, false })
    void aDeadLetterChannelThatCannotParkLosesTheMessageUnlessItFailsTheExchange(boolean handleNewException)
            throws Exception {
        String topic = topic("dlc-fails", 1);
        List<String> attempts = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("direct:park").deadLetterHandleNewException(handleNewException));
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g")).process(e -> {
                    attempts.add(text(e.getMessage().getBody()));
                    throw new IllegalStateException("not processed");
                });
                from("direct:park").throwException(new IllegalStateException("cannot park"));
            }
        });

        template.sendBody("rocketmq:" + topic, "invoice-2");

        // the first attempt first: on a loaded machine it came after the 3 s a window from the send left
        await().atMost(seconds(20)).until(() -> attempts.size() == 1);
        if (handleNewException) {
            // acknowledged though parked nowhere: never redelivered (a redelivery would come after about 10 s)
            await().during(seconds(12)).atMost(seconds(13)).until(() -> attempts.size() == 1);
        } else {
            // the first redelivery of a failed message comes after about 10 s
            await().atMost(seconds(30)).until(() -> attempts.size() >= 2);
        }
    }

    @Test
    void aBatchConsumerGetsAListAlsoForASingleMessage() throws Exception {
        String topic = topic("batch-of-one", 1);
        List<Object> bodies = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g") + "&consumeBatchSize=8")
                        .process(e -> bodies.add(e.getMessage().getBody()));
            }
        });

        template.sendBody("rocketmq:" + topic, "alone");

        await().atMost(seconds(20)).until(() -> !bodies.isEmpty());
        assertThat(bodies).singleElement().isInstanceOfSatisfying(List.class, list -> assertThat(list)
                .singleElement().satisfies(m -> assertThat(text(((Message) m).getBody())).isEqualTo("alone")));
    }

    @Test
    void requestsInsideAConsumedBatchEachGetTheirReply() throws Exception {
        String topic = topic("batched-rpc", 1);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g") + "&consumeBatchSize=16")
                        .process(e -> {
                            List<Object> answers = new ArrayList<>();
                            for (Object element : e.getMessage().getBody(List.class)) {
                                answers.add("price of " + text(((Message) element).getBody()));
                            }
                            e.getMessage().setBody(answers);
                        });
            }
        });

        List<java.util.concurrent.CompletableFuture<Exchange>> pending = new ArrayList<>();
        for (String item : List.of("apple", "pear", "plum", "fig")) {
            pending.add(template.asyncSend("rocketmq:" + topic + "?requestTimeout=20s", e -> {
                e.setPattern(ExchangePattern.InOut);
                e.setProperty("item", item);
                e.getMessage().setBody(item);
            }));
        }

        List<Exchange> replies = new ArrayList<>();
        for (java.util.concurrent.CompletableFuture<Exchange> reply : pending) {
            replies.add(reply.get(30, java.util.concurrent.TimeUnit.SECONDS));
        }
        assertThat(replies).allSatisfy(reply -> assertThat(reply.getException()).isNull());
        assertThat(replies).allSatisfy(reply -> assertThat(reply.getMessage().getBody(String.class))
                .isEqualTo("price of " + reply.getProperty("item")));
    }
}
