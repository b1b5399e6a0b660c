package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.service.ServiceSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GracefulStopIT extends RocketMQITSupport {

    @Test
    void stoppingARouteFinishesInFlightExchangesAndTheNextConsumerNeitherLosesNorRepeats() throws Exception {
        String topic = topic("graceful", 1);
        String uri = "rocketmq:" + topic + "?consumerGroup=" + unique("g") + "&consumeThreadMin=1&consumeThreadMax=1";
        Map<String, AtomicInteger> completed = new ConcurrentHashMap<>();
        AtomicInteger started = new AtomicInteger();
        CountDownLatch stopBegun = new CountDownLatch(1);
        AtomicReference<String> inFlightAtStop = new AtomicReference<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("first").process(e -> {
                    if (started.incrementAndGet() == 5) {
                        inFlightAtStop.set(text(e.getMessage().getBody()));
                        // this exchange is still in flight when the stop begins
                        stopBegun.await(60, TimeUnit.SECONDS);
                    }
                    completed.computeIfAbsent(text(e.getMessage().getBody()), k -> new AtomicInteger()).incrementAndGet();
                });
            }
        });
        List<String> sent = IntStream.range(0, 30).mapToObj(i -> "task-" + i).toList();
        sent.forEach(body -> template.sendBody("rocketmq:" + topic, body));

        await().atMost(seconds(15)).until(() -> started.get() >= 5);
        ServiceSupport consumer = (ServiceSupport) context.getRoute("first").getConsumer();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
            try {
                context.getRouteController().stopRoute("first");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // Camel suspends the consumer (no more pulls) and waits for the exchanges in flight before it stops it
        await().atMost(seconds(15)).until(() -> !consumer.isStarted());
        assertThat(stopping).isNotDone();
        stopBegun.countDown();
        stopping.get(60, TimeUnit.SECONDS);

        // messages the client had already handed to its consume threads still run; none is left half done
        assertThat(completed.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(started.get());
        assertThat(completed.get(inFlightAtStop.get())).hasValue(1);

        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("second").process(e -> completed
                        .computeIfAbsent(text(e.getMessage().getBody()), k -> new AtomicInteger()).incrementAndGet());
            }
        });

        await().atMost(seconds(30)).until(() -> completed.keySet().containsAll(sent));
        assertThat(completed).allSatisfy((body, times) -> assertThat(times.get()).as(body).isEqualTo(1));
    }
}
