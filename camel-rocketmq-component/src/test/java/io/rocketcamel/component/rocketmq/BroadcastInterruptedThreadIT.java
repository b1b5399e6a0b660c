package io.rocketcamel.component.rocketmq;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.rocketcamel.component.rocketmq.consumer.RocketMQConsumer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.store.OffsetSerializeWrapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/rocketmq-component.md: "A route that leaves its consume thread interrupted (code that waited, was interrupted
 * and gave up) fails or succeeds as usual: the consumer clears the flag before the client takes the outcome." Only the
 * ORDERLY listener does; these are the BROADCASTING listener's cases.
 */
class BroadcastInterruptedThreadIT extends RocketMQITSupport {

    private final List<String> attempts = new CopyOnWriteArrayList<>();
    private Path offsets;

    @BeforeEach
    void offsetDirectory() throws Exception {
        offsets = Files.createTempDirectory(Path.of("target"), "broadcast-interrupted-");
    }

    private String broadcastUri(String topic, String group) {
        return "rocketmq:" + topic + "?consumerGroup=" + group + "&messageModel=BROADCASTING&offsetStoreDir=" + offsets
               + "&consumeFromWhere=FIRST_OFFSET&suspendTime=100";
    }

    /** A failure on an interrupted thread is retried like any other (suspendTime=100 ms, maxReconsumeTimes=16). */
    @Test
    void aFailureThatLeavesTheThreadInterruptedIsRetried() throws Exception {
        String topic = topic("bc-int-fail", 1);
        AtomicInteger failuresLeft = new AtomicInteger(1);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from(broadcastUri(topic, unique("nodes"))).routeId("bc-int-fail").process(e -> {
                    attempts.add(text(e.getMessage().getBody()));
                    if (failuresLeft.getAndDecrement() > 0) {
                        // as code that waited, was interrupted and gave up does
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while config-0 waited");
                    }
                });
            }
        });
        send(topic, "config-", 1);

        await().atMost(seconds(20)).until(() -> !attempts.isEmpty());
        // suspendTime=100 ms: the retry is due well within 10 s
        await().atMost(seconds(10)).untilAsserted(() -> assertThat(attempts).as("attempts").hasSize(2));
        assertThat(attempts).containsExactly("config-0", "config-0");
    }

    /**
     * A success on an interrupted thread: the client removes the messages from its process queue under a lock it takes
     * interruptibly; left there, the node's offset stays at the message for as long as the node runs.
     */
    @Test
    void aSuccessThatLeavesTheThreadInterruptedMovesTheStoredOffsetOn() throws Exception {
        String topic = topic("bc-int-ok", 1);
        String group = unique("nodes");
        start(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from(broadcastUri(topic, group)).routeId("bc-int-ok").process(e -> {
                    String body = text(e.getMessage().getBody());
                    attempts.add(body);
                    if (body.equals("config-0")) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
        });
        send(topic, "config-", 3);

        await().atMost(seconds(20)).until(() -> attempts.size() >= 3);
        assertThat(attempts).containsExactlyInAnyOrder("config-0", "config-1", "config-2");
        await().atMost(seconds(10)).untilAsserted(() -> {
            var consumer = client("bc-int-ok").getDefaultMQPushConsumerImpl();
            consumer.persistConsumerOffset();
            assertThat(storedOffsets(offsets.resolve(group))).as("stored offsets; the process queues hold %s",
                    consumer.getRebalanceImpl().getProcessQueueTable().values().stream()
                            .map(pq -> pq.getMsgTreeMap().keySet().toString()).toList()).isEqualTo(Map.of(0, 3L));
        });
    }

    private static Map<Integer, Long> storedOffsets(Path groupDirectory) throws IOException {
        if (!Files.isDirectory(groupDirectory)) {
            return Map.of();
        }
        Path file;
        try (Stream<Path> files = Files.list(groupDirectory)) {
            file = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElse(null);
        }
        if (file == null) {
            return Map.of();
        }
        OffsetSerializeWrapper stored = OffsetSerializeWrapper.fromJson(Files.readString(file), OffsetSerializeWrapper.class);
        Map<Integer, Long> result = new TreeMap<>();
        stored.getOffsetTable().forEach((queue, offset) -> result.put(queue.getQueueId(), offset.get()));
        return result;
    }

    private DefaultMQPushConsumer client(String routeId) {
        return ((RocketMQConsumer) context.getRoute(routeId).getConsumer()).client();
    }

    private void send(String topic, String prefix, int count) {
        IntStream.range(0, count).forEach(i -> template.sendBody("rocketmq:" + topic, prefix + i));
    }
}
