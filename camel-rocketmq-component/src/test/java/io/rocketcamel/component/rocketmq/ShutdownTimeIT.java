package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A context with several RocketMQ endpoints stops at once, not up to 3 s per client: RocketMQ's client shutdown joins
 * its event thread, which polls its queue for 3 s at a time and is not woken by the shutdown, and Camel stops routes
 * one after the other.
 */
class ShutdownTimeIT extends RocketMQITSupport {

    private static final int ROUTES = 4;

    @Test
    void aContextWithSeveralEndpointsStopsWithoutWaitingThreeSecondsPerClient() throws Exception {
        CamelContext stopping = newContext();
        List<String> received = new CopyOnWriteArrayList<>();
        stopping.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (int i = 0; i < ROUTES; i++) {
                    String topic = topic("shutdown-time", 1);
                    from("direct:send-" + i).to("rocketmq:" + topic);
                    from("rocketmq:" + topic + "?consumerGroup=" + unique("shutdown-time-g"))
                            .process(e -> received.add(text(e.getMessage().getBody())));
                }
            }
        });
        stopping.start();
        for (int i = 0; i < ROUTES; i++) {
            stopping.createProducerTemplate().sendBody("direct:send-" + i, "m-" + i);
        }
        await().atMost(seconds(20)).until(() -> received.size() == ROUTES);

        long begin = System.nanoTime();
        stopping.stop();
        long tookMillis = (System.nanoTime() - begin) / 1_000_000;

        // 8 clients: 3.2-6.2 s when each stop waited out an event thread's poll, 0.18-0.21 s now
        assertThat(tookMillis).as("stopped in %d ms", tookMillis).isLessThan(1_500);
    }
}
