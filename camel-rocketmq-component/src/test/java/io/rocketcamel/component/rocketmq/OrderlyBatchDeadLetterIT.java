package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ORDERLY with consumeBatchSize above 1 and deadLetterUri: a failing batch in which only some messages are at their
 * limit. A batch grows between attempts when messages arrive while its queue is suspended, so the messages of one batch
 * need not have the same attempt count.
 */
class OrderlyBatchDeadLetterIT extends RocketMQITSupport {

    @Test
    void aMessageGivenUpGoesToOneDeadLetterPlaceOnce() throws Exception {
        String topic = topic("orderly-batch-dl", 1);
        String group = unique("g");
        String dead = "direct:" + unique("dead");
        List<String> batches = new CopyOnWriteArrayList<>();
        List<String> parked = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from(dead).process(e -> parked.add(text(e.getMessage().getBody())));
                from("rocketmq:" + topic + "?consumerGroup=" + group + "&consumeMode=ORDERLY&consumeBatchSize=2"
                     + "&maxReconsumeTimes=1&suspendTime=3s&deadLetterUri=" + dead)
                        .process(e -> {
                            List<?> list = e.getMessage().getBody(List.class);
                            batches.add(list.stream().map(m -> text(((org.apache.camel.Message) m).getBody())
                                    + "#" + ((org.apache.camel.Message) m).getHeader(RocketMQConstants.RECONSUME_TIMES))
                                    .toList().toString());
                            throw new IllegalStateException("the downstream system is down");
                        });
            }
        });

        template.sendBody("rocketmq:" + topic, "m1");
        await().atMost(seconds(20)).until(() -> !batches.isEmpty());
        // arrives while m1's queue is suspended: the next batch is [m1 at its limit, m2 at its first attempt]
        template.sendBody("rocketmq:" + topic, "m2");

        await().atMost(seconds(30)).until(() -> parked.contains("m2"));
        List<String> dlq = broker.messages("%DLQ%" + group, 0).stream().map(m -> text(m.getBody())).toList();
        assertThat(Stream.concat(parked.stream(), dlq.stream()).filter("m1"::equals).count())
                .as("m1 given up: batches %s, deadLetterUri %s, %%DLQ%% %s", batches, parked, dlq).isEqualTo(1);
    }

    /** Without deadLetterUri: a message the route processed in the end is not in the group's %DLQ% too. */
    @Test
    void aMessageOfABatchThatSucceedsInTheEndIsNotDeadLettered() throws Exception {
        String topic = topic("orderly-batch-ok", 1);
        String group = unique("g");
        List<String> batches = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger failuresLeft = new java.util.concurrent.atomic.AtomicInteger(2);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("rocketmq:" + topic + "?consumerGroup=" + group + "&consumeMode=ORDERLY&consumeBatchSize=2"
                     + "&maxReconsumeTimes=1&suspendTime=3s")
                        .process(e -> {
                            List<?> list = e.getMessage().getBody(List.class);
                            batches.add(list.stream().map(m -> text(((org.apache.camel.Message) m).getBody())
                                    + "#" + ((org.apache.camel.Message) m).getHeader(RocketMQConstants.RECONSUME_TIMES))
                                    .toList().toString());
                            if (failuresLeft.getAndDecrement() > 0) {
                                throw new IllegalStateException("the downstream system is down");
                            }
                        });
            }
        });

        template.sendBody("rocketmq:" + topic, "m1");
        await().atMost(seconds(20)).until(() -> !batches.isEmpty());
        template.sendBody("rocketmq:" + topic, "m2");

        await().atMost(seconds(30)).until(() -> batches.size() >= 3);
        List<String> dlq = broker.messages("%DLQ%" + group, 0).stream().map(m -> text(m.getBody())).toList();
        assertThat(batches.get(2)).as("batches %s", batches).contains("m1").contains("m2");
        assertThat(dlq).as("%%DLQ%% after batches %s, the last of which succeeded", batches).isEmpty();
    }
}
