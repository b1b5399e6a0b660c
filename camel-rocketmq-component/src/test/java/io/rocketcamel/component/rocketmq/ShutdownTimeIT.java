package io.rocketcamel.component.rocketmq;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rocketcamel.component.rocketmq.idempotent.RocketMQIdempotentRepository;
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
    private static final int REPOSITORIES = 8;

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

        // 8 clients: 3.2-6.2 s when each stop waited out an event thread's poll, 0.18-0.21 s now (1.9 s once on a
        // busy CI machine, 2026-12-05): below the 3 s of one waited-out poll
        assertThat(tookMillis).as("stopped in %d ms", tookMillis).isLessThan(2_500);
    }

    /**
     * The repository's reader, a lite pull consumer, waited out its event thread's poll as the other clients did, in
     * about one stop of six (3.1 s, the others 27-126 ms): several repositories are stopped, and the slowest counts
     * (over 1.5 s in 3 of 4 runs before the reader's stop was prompt).
     */
    @Test
    void idempotentRepositoriesStopWithoutWaitingThreeSeconds() throws Exception {
        List<RocketMQIdempotentRepository> repositories = new ArrayList<>();
        for (int i = 0; i < REPOSITORIES; i++) {
            RocketMQIdempotentRepository keys = new RocketMQIdempotentRepository(topic("shutdown-time-keys", 2));
            context.addService(keys);
            assertThat(keys.add("order-" + i)).isTrue();
            repositories.add(keys);
        }

        long slowestMillis = 0;
        for (RocketMQIdempotentRepository keys : repositories) {
            long begin = System.nanoTime();
            keys.stop();
            slowestMillis = Math.max(slowestMillis, (System.nanoTime() - begin) / 1_000_000);
        }

        assertThat(slowestMillis).as("the slowest stopped in %d ms", slowestMillis).isLessThan(1_500);
    }
}
