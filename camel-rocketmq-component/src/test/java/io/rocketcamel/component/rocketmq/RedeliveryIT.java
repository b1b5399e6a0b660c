package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.builder.RouteBuilder;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retries use the test broker's 1 s levels (3 and up), so a few redeliveries take seconds.
 */
class RedeliveryIT extends RocketMQITSupport {

    private final List<String> attempts = new CopyOnWriteArrayList<>();

    @Test
    void aFailedExchangeIsRedeliveredAndAcknowledgedOnceItSucceeds() throws Exception {
        String topic = topic("retry", 2);
        AtomicInteger failuresLeft = new AtomicInteger(1);
        List<Integer> reconsumeTimes = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g")).process(e -> {
                    attempts.add(text(e.getMessage().getBody()));
                    reconsumeTimes.add(e.getMessage().getHeader(RocketMQConstants.RECONSUME_TIMES, Integer.class));
                    if (failuresLeft.getAndDecrement() > 0) {
                        throw new IllegalStateException("first attempt fails");
                    }
                });
            }
        });

        template.sendBody("rocketmq:" + topic, "job");

        // the route records the attempt, then its reconsume count
        await().atMost(seconds(30)).until(() -> reconsumeTimes.size() >= 2);
        assertThat(attempts).containsExactly("job", "job");
        assertThat(reconsumeTimes).containsExactly(0, 1);
    }

    /**
     * The route goes on in another thread and fails there: the consumer acknowledges only once the route completed, on
     * whatever thread. A consumer that handed the exchange over and went on (an asynchronous call not awaited) would
     * acknowledge the message before its failure, which no redelivery would then follow: an outside audit planted that
     * defect and no test failed.
     */
    @ParameterizedTest
    @ValueSource(strings = { "", "&consumeMode=ORDERLY&suspendMillis=200", "&consumeMode=POP",
        "&messageModel=BROADCASTING&suspendTime=10&offsetStoreDir=target/redelivery-offsets" })
    void aRouteThatFailsAfterAnAsynchronousHopIsRedelivered(String mode) throws Exception {
        String topic = topic("async-hop", 1);
        AtomicInteger failuresLeft = new AtomicInteger(1);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g") + "&consumeFromWhere=FIRST_OFFSET" + mode)
                        .threads(1).process(e -> {
                            attempts.add(text(e.getMessage().getBody()) + " on " + Thread.currentThread().getName());
                            if (failuresLeft.getAndDecrement() > 0) {
                                throw new IllegalStateException("the first attempt fails after the hop");
                            }
                        });
            }
        });

        template.sendBody("rocketmq:" + topic, "job");

        // POP's first redelivery comes after its 10 s retry delay
        await().atMost(seconds(40)).until(() -> attempts.size() >= 2);
        assertThat(attempts).hasSize(2).allSatisfy(a -> assertThat(a).startsWith("job on ").contains("Threads"));
    }

    @Test
    void aMessageThatKeepsFailingLandsInTheDeadLetterTopicAfterMaxReconsumeTimes() throws Exception {
        String topic = topic("poison", 2);
        String group = unique("g");
        start(failingConsumer("rocketmq:" + topic + "?consumerGroup=" + group + "&maxReconsumeTimes=2", "poison"));

        template.sendBody("rocketmq:" + topic, "poison");

        await().atMost(seconds(40)).untilAsserted(
                () -> assertThat(broker.messages("%DLQ%" + group, 0)).as("dead letters after attempts %s", attempts).isNotEmpty());
        List<MessageExt> dead = broker.messages("%DLQ%" + group, 0);
        assertThat(dead).singleElement().satisfies(m -> assertThat(new String(m.getBody())).isEqualTo("poison"));
        assertThat(attempts).containsExactly("poison", "poison", "poison");
    }

    @Test
    void anOrderlyQueueRetriesInPlaceThenMovesOnPastTheDeadLetter() throws Exception {
        String topic = topic("orderly-poison", 2);
        String group = unique("g");
        start(failingConsumer("rocketmq:" + topic + "?consumerGroup=" + group
                              + "&consumeMode=ORDERLY&maxReconsumeTimes=2&suspendMillis=200", "poison"));

        String send = "rocketmq:" + topic + "?orderKey=one-key";
        template.sendBody(send, "poison");
        template.sendBody(send, "after");

        await().atMost(seconds(30)).until(() -> attempts.contains("after"));
        assertThat(attempts).containsExactly("poison", "poison", "poison", "after");
        await().atMost(seconds(10)).until(() -> !broker.messages("%DLQ%" + group, 0).isEmpty());
        assertThat(broker.messages("%DLQ%" + group, 0)).singleElement()
                .satisfies(m -> assertThat(new String(m.getBody())).isEqualTo("poison"));
    }

    private RouteBuilder failingConsumer(String uri, String failingBody) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from(uri).process(e -> {
                    String body = text(e.getMessage().getBody());
                    attempts.add(body);
                    if (body.equals(failingBody)) {
                        throw new IllegalStateException("always fails");
                    }
                });
            }
        };
    }
}
