package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.apache.camel.builder.RouteBuilder;
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
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("first").process(e -> {
                    started.incrementAndGet();
                    Thread.sleep(100); // simulated work, so the stop finds an exchange in flight
                    completed.computeIfAbsent(text(e.getMessage().getBody()), k -> new AtomicInteger()).incrementAndGet();
                });
            }
        });
        List<String> sent = IntStream.range(0, 30).mapToObj(i -> "task-" + i).toList();
        sent.forEach(body -> template.sendBody("rocketmq:" + topic, body));

        await().atMost(seconds(15)).until(() -> started.get() >= 5);
        context.getRouteController().stopRoute("first");
        assertThat(started.get()).isEqualTo(completed.values().stream().mapToInt(AtomicInteger::get).sum());

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
