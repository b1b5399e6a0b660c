package io.rocketcamel.component.rocketmq;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OrderedConsumeIT extends RocketMQITSupport {

    private static final int KEYS = 200;
    private static final int PER_KEY = 50;

    @Test
    void tenThousandMessagesOverTwoHundredKeysArriveInPerKeyOrderDespiteRandomFailures() throws Exception {
        String topic = topic("ordered", 8);
        Map<String, List<Integer>> arrived = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger total = new AtomicInteger();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g")
                     + "&consumeMode=ORDERLY&suspendMillis=50&maxReconsumeTimes=1000")
                        .process(e -> {
                            if (ThreadLocalRandom.current().nextInt(100) == 0) {
                                failures.incrementAndGet();
                                throw new IllegalStateException("random failure");
                            }
                            arrived.computeIfAbsent(e.getMessage().getHeader("key", String.class),
                                    k -> Collections.synchronizedList(new ArrayList<>()))
                                    .add(e.getMessage().getHeader("seq", Integer.class));
                            total.incrementAndGet();
                        });
            }
        });

        sendInKeyOrder(topic);

        await().atMost(seconds(120)).until(() -> total.get() >= KEYS * PER_KEY);
        assertThat(failures.get()).isPositive();
        assertThat(arrived).hasSize(KEYS);
        List<Integer> expected = IntStream.range(0, PER_KEY).boxed().toList();
        arrived.forEach((key, sequence) -> assertThat(sequence).as("order of key %s", key).isEqualTo(expected));
        assertThat(total.get()).isEqualTo(KEYS * PER_KEY);
    }

    /**
     * A failure that leaves the consume thread interrupted: the client puts the failed messages back with a lock it
     * takes interruptibly, gave up on them with an error in its log, and the next success committed the offset past
     * them, so the failed message was never retried.
     */
    @Test
    void aFailedMessageIsRetriedAlsoWhenTheRouteLeftItsThreadInterrupted() throws Exception {
        String topic = topic("ordered-interrupted", 1);
        List<String> arrived = Collections.synchronizedList(new ArrayList<>());
        start(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g") + "&consumeMode=ORDERLY&suspendMillis=50")
                        .process(e -> {
                            String body = text(e.getMessage().getBody());
                            arrived.add(body);
                            if (body.equals("m1") && arrived.size() == 1) {
                                // as code that waited and was interrupted does when it gives up
                                Thread.currentThread().interrupt();
                                throw new IllegalStateException("interrupted while m1 waited");
                            }
                        });
            }
        });

        List.of("m1", "m2").forEach(body -> template.sendBody("rocketmq:" + topic, body));

        await().atMost(seconds(20)).until(() -> arrived.contains("m2"));
        assertThat(arrived).containsExactly("m1", "m1", "m2");
    }

    /** Four senders, each owning a quarter of the keys, so every key's messages are sent in sequence order. */
    private void sendInKeyOrder(String topic) throws Exception {
        String uri = "rocketmq:" + topic + "?orderKey=$<header.key>";
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int sender = 0; sender < 4; sender++) {
                int first = sender;
                done.add(senders.submit(() -> {
                    for (int seq = 0; seq < PER_KEY; seq++) {
                        for (int key = first; key < KEYS; key += 4) {
                            int s = seq;
                            String k = "key-" + key;
                            template.send(uri, e -> {
                                e.getMessage().setBody(k + ":" + s);
                                e.getMessage().setHeader("key", k);
                                e.getMessage().setHeader("seq", s);
                            });
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdown();
        }
    }

    @Test
    void aListWithAnOrderKeyGoesToTheKeysQueueInOrder() throws Exception {
        String topic = topic("ordered-batch", 8);
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g") + "&consumeMode=ORDERLY")
                        .process(e -> received.add(text(e.getMessage().getBody()) + "@"
                                                   + e.getMessage().getHeader(RocketMQConstants.QUEUE_ID)));
            }
        });
        List<String> batch = IntStream.range(0, 100).mapToObj(i -> "step-" + i).toList();

        template.send("rocketmq:" + topic + "?orderKey=$<header.k>", e -> {
            e.getMessage().setHeader("k", "customer-17");
            e.getMessage().setBody(batch);
        });

        await().atMost(seconds(20)).until(() -> received.size() >= batch.size());
        int queue = OrderKeyQueueSelector.queueIndex("customer-17", 8);
        assertThat(received).containsExactlyElementsOf(batch.stream().map(b -> b + "@" + queue).toList());
    }

    @Test
    void oneKeyAlwaysLandsInOneQueue() throws Exception {
        String topic = topic("same-queue", 8);
        List<Integer> queues = IntStream.range(0, 20)
                .mapToObj(i -> template.request("rocketmq:" + topic + "?orderKey=$<header.k>", e -> {
                    e.setPattern(org.apache.camel.ExchangePattern.InOnly);
                    e.getMessage().setHeader("k", "customer-17");
                    e.getMessage().setBody("m" + i);
                }).getMessage().getHeader(RocketMQConstants.QUEUE_ID, Integer.class))
                .toList();
        assertThat(queues).containsOnly(OrderKeyQueueSelector.queueIndex("customer-17", 8));
    }
}
