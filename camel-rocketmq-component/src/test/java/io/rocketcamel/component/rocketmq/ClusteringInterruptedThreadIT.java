package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import io.rocketcamel.component.rocketmq.consumer.RocketMQConsumer;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CLUSTERING, CONCURRENTLY: a success on a thread the route left interrupted. The client removes consumed messages
 * from its process queue under a lock it takes interruptibly; a message left there holds the group's offset at it.
 */
class ClusteringInterruptedThreadIT extends RocketMQITSupport {

    @Test
    void aSuccessThatLeavesTheThreadInterruptedMovesTheGroupsOffsetOn() throws Exception {
        String topic = topic("cl-int-ok", 1);
        String group = unique("g");
        List<String> attempts = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("rocketmq:" + topic + "?consumerGroup=" + group + "&consumeFromWhere=FIRST_OFFSET").routeId("cl-int-ok")
                        .process(e -> {
                            String body = text(e.getMessage().getBody());
                            attempts.add(body);
                            if (body.equals("m0")) {
                                Thread.currentThread().interrupt();
                            }
                        });
            }
        });
        IntStream.range(0, 3).forEach(i -> template.sendBody("rocketmq:" + topic, "m" + i));

        await().atMost(seconds(20)).until(() -> attempts.size() >= 3);
        assertThat(attempts).containsExactlyInAnyOrder("m0", "m1", "m2");
        var client = ((RocketMQConsumer) context.getRoute("cl-int-ok").getConsumer()).client();
        await().atMost(seconds(15)).untilAsserted(() -> {
            client.getDefaultMQPushConsumerImpl().persistConsumerOffset();
            assertThat(brokerController().getConsumerOffsetManager().queryOffset(group, topic, 0))
                    .as("the group's offset; the process queues hold %s", client.getDefaultMQPushConsumerImpl()
                            .getRebalanceImpl().getProcessQueueTable().entrySet().stream()
                            .map(en -> en.getKey().getTopic() + ":" + en.getValue().getMsgTreeMap().keySet()).toList())
                    .isEqualTo(3);
        });
    }
}
