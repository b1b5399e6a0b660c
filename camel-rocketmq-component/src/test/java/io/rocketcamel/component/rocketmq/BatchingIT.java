package io.rocketcamel.component.rocketmq;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BatchingIT extends RocketMQITSupport {

    private static final int CALLERS = 8;
    private static final int KEYS = 400;
    private static final int PER_KEY = 250;

    /** Sends each exchange without waiting for it, the way a busy route hands exchanges on; returns them when done. */
    @Test
    void concurrentExchangesShareBatchesAndEachGetsItsOwnResult() throws Exception {
        String topic = topic("batched", 4);
        Map<String, Message> consumed = new ConcurrentHashMap<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g"))
                        .process(e -> consumed.put(text(e.getMessage().getBody()), e.getMessage().copy()));
            }
        });
        AsyncProducer producer = context.getEndpoint("rocketmq:" + topic + "?batchSize=50&batchLingerMs=20").createAsyncProducer();
        producer.start();

        List<Exchange> done = sendWithoutWaiting(producer, 1000, i -> "m-" + i, i -> "k" + i);

        await().atMost(seconds(20)).until(() -> done.size() == 1000);
        assertThat(done).allSatisfy(e -> {
            assertThat(e.getException()).isNull();
            assertThat(e.getMessage().getHeader(RocketMQConstants.SEND_STATUS)).isEqualTo(SendStatus.SEND_OK);
        });
        Set<Object> batches = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        done.forEach(e -> batches.add(e.getMessage().getHeader(RocketMQConstants.SEND_RESULT)));
        assertThat(batches.size()).isBetween(20, 200);
        assertThat(done.stream().map(e -> e.getMessage().getHeader(RocketMQConstants.MESSAGE_ID)).distinct()).hasSize(1000);

        await().atMost(seconds(20)).until(() -> consumed.size() == 1000);
        for (Exchange sent : done) {
            Message in = consumed.get(sent.getMessage().getBody(String.class));
            assertThat(in.getHeader("key")).isEqualTo("k" + sent.getMessage().getBody(String.class).substring(2));
            assertThat(in.getHeader(RocketMQConstants.MESSAGE_ID)).isEqualTo(sent.getMessage().getHeader(RocketMQConstants.MESSAGE_ID));
            assertThat(in.getHeader(RocketMQConstants.QUEUE_ID)).isEqualTo(sent.getMessage().getHeader(RocketMQConstants.QUEUE_ID));
            assertThat(in.getHeader(RocketMQConstants.QUEUE_OFFSET)).isEqualTo(sent.getMessage().getHeader(RocketMQConstants.QUEUE_OFFSET));
        }
        producer.stop();
    }

    @Test
    void aHundredThousandExchangesFromEightCallersAreStoredOnceEachInPerKeyOrder() throws Exception {
        String topic = topic("batched-ordered", 8);
        Map<String, AtomicInteger> acknowledged = new ConcurrentHashMap<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:batched").to("rocketmq:" + topic + "?batchSize=128&orderKey=$<header.key>")
                        .process(e -> acknowledged.computeIfAbsent(text(e.getMessage().getBody()), k -> new AtomicInteger())
                                .incrementAndGet());
            }
        });
        AsyncProducer direct = context.getEndpoint("direct:batched").createAsyncProducer();
        direct.start();

        long begin = System.nanoTime();
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        List<Future<List<Exchange>>> sent = new ArrayList<>();
        for (int caller = 0; caller < CALLERS; caller++) {
            int first = caller;
            // each caller owns every eighth key and sends that key's sequence in order
            sent.add(callers.submit(() -> sendWithoutWaiting(direct, KEYS / CALLERS * PER_KEY,
                    i -> "key-" + (first + CALLERS * (i % (KEYS / CALLERS))) + ":" + i / (KEYS / CALLERS),
                    i -> "key-" + (first + CALLERS * (i % (KEYS / CALLERS))))));
        }
        List<Exchange> done = new ArrayList<>();
        for (Future<List<Exchange>> future : sent) {
            List<Exchange> completed = future.get(120, TimeUnit.SECONDS);
            await().atMost(seconds(60)).until(() -> completed.size() == KEYS / CALLERS * PER_KEY);
            done.addAll(completed);
        }
        callers.shutdown();
        System.out.printf("100,000 batched exchanges acknowledged in %d ms%n", (System.nanoTime() - begin) / 1_000_000);

        assertThat(done).hasSize(KEYS * PER_KEY).allSatisfy(e -> assertThat(e.getException()).isNull());
        assertThat(acknowledged).hasSize(KEYS * PER_KEY).allSatisfy((body, times) -> assertThat(times.get()).isEqualTo(1));
        Map<String, List<Integer>> stored = new ConcurrentHashMap<>();
        int total = 0;
        for (int queue = 0; queue < 8; queue++) {
            for (MessageExt message : broker.messages(topic, queue)) {
                String[] keyAndSeq = new String(message.getBody()).split(":");
                assertThat(OrderKeyQueueSelector.queueIndex(keyAndSeq[0], 8)).isEqualTo(queue);
                stored.computeIfAbsent(keyAndSeq[0], k -> new ArrayList<>()).add(Integer.parseInt(keyAndSeq[1]));
                total++;
            }
        }
        assertThat(total).isEqualTo(KEYS * PER_KEY);
        List<Integer> inOrder = java.util.stream.IntStream.range(0, PER_KEY).boxed().toList();
        assertThat(stored).hasSize(KEYS).allSatisfy((key, sequence) -> assertThat(sequence).as(key).isEqualTo(inOrder));
        direct.stop();
    }
}
