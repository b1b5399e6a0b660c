package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A route stopped and started again leaves no client thread behind. The RocketMQ 5.5.0 push consumer builds a POP
 * consume service beside its own whatever the route consumes, and its shutdown never shuts that one down: the ORDERLY
 * one starts a timer thread at once (its queue-lock renewal, every 20 s), not a daemon, so each stopped ORDERLY route
 * left one running, and a JVM whose last route stopped never ended.
 */
class ConsumerRestartThreadsIT extends RocketMQITSupport {

    /** The consume services' timer threads: the POP services' are named with this prefix alone, the others' add the group. */
    private static final String TIMER_THREADS = "ConsumeMessageScheduledThread_";
    private static final int CYCLES = 3;

    @ParameterizedTest
    @ValueSource(strings = { "ORDERLY", "CONCURRENTLY" })
    void startingAndStoppingARouteLeavesNoClientTimerThreadBehind(String consumeMode) throws Exception {
        String topic = topic("restart-threads", 2);
        List<String> received = new CopyOnWriteArrayList<>();
        Set<Thread> before = timerThreads();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + unique("restart-threads-g") + "&consumeMode=" + consumeMode
                     + "&consumeFromWhere=FIRST_OFFSET").routeId("restarted").autoStartup(false)
                        .process(e -> received.add(text(e.getMessage().getBody())));
            }
        });

        for (int cycle = 0; cycle < CYCLES; cycle++) {
            context.getRouteController().startRoute("restarted");
            template.sendBody("rocketmq:" + topic, "cycle-" + cycle);
            int expected = cycle + 1;
            // consumed: the client did run, not only start
            await().atMost(seconds(30)).until(() -> received.size() >= expected);
            context.getRouteController().stopRoute("restarted");
        }

        // a pool's thread ends shortly after its executor was shut down: wait for that, not for a leak
        await().atMost(seconds(20)).untilAsserted(() -> assertThat(timerThreads())
                .as("timer threads started since the first start and still alive after %d stops of a %s route",
                        CYCLES, consumeMode)
                .filteredOn(thread -> !before.contains(thread))
                .extracting(thread -> thread.getName() + (thread.isDaemon() ? " (daemon)" : " (not a daemon)"))
                .isEmpty());
    }

    private static Set<Thread> timerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith(TIMER_THREADS))
                .collect(Collectors.toSet());
    }
}
