package io.rocketcamel.component.rocketmq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.apache.camel.builder.RouteBuilder;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GracefulStopIT for consumeMode=POP: a stopping POP route lets its exchanges in flight finish and acknowledges them
 * before its client closes, and leaves no consume thread behind. The RocketMQ 5.5.0 client never shuts its POP consume
 * service down: exchanges ran after the client closed, their acknowledgements were skipped, and the broker redelivered
 * them, finished, after popInvisibleTime.
 */
class PopGracefulStopIT extends RocketMQITSupport {

    private static final int POP_INVISIBLE_SECONDS = 10;

    @Test
    void stoppingAPopRouteAcknowledgesWhatFinishedAndTheNextConsumerNeitherLosesNorRepeats() throws Exception {
        String topic = topic("pop-graceful", 1);
        String uri = "rocketmq:" + topic + "?consumerGroup=" + unique("g") + "&consumeMode=POP&consumeThreadMin=2"
                     + "&consumeThreadMax=2&popInvisibleTime=" + POP_INVISIBLE_SECONDS + "s&consumeFromWhere=FIRST_OFFSET";
        List<String> sent = IntStream.range(0, 10).mapToObj(i -> "task-" + i).toList();
        template.sendBody("rocketmq:" + topic, "block");
        sent.forEach(body -> template.sendBody("rocketmq:" + topic, body));

        Map<String, AtomicInteger> completed = new ConcurrentHashMap<>();
        Set<Thread> firstThreads = ConcurrentHashMap.newKeySet();
        CountDownLatch blockStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("first").process(e -> {
                    firstThreads.add(Thread.currentThread());
                    String body = text(e.getMessage().getBody());
                    if (body.equals("block")) {
                        blockStarted.countDown();
                        release.await(60, TimeUnit.SECONDS);
                    } else {
                        // the work, not a synchronisation: Camel's delayer refuses to run while its route stops,
                        // the moment this test measures
                        Thread.sleep(300);
                    }
                    completed.computeIfAbsent(body, k -> new AtomicInteger()).incrementAndGet();
                });
            }
        });
        assertThatAwait(blockStarted.await(30, TimeUnit.SECONDS), "block reached the route");

        CompletableFuture<Void> stopping = stopWhileExchangesRun("first");
        release.countDown();
        stopping.get(60, TimeUnit.SECONDS);

        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("second").process(e -> completed
                        .computeIfAbsent(text(e.getMessage().getBody()), k -> new AtomicInteger()).incrementAndGet());
            }
        });
        List<String> all = new ArrayList<>(sent);
        all.add("block");
        await().atMost(seconds(45)).until(() -> completed.keySet().containsAll(all));
        // a finished message whose acknowledgement was skipped comes back popInvisibleTime after its pop, plus the
        // broker's revive scan
        watch(seconds(POP_INVISIBLE_SECONDS + 5), () -> completed.values().stream().allMatch(times -> times.get() == 1));

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(completed).as("completions of each message").hasSize(all.size())
                .allSatisfy((body, times) -> assertThat(times.get()).as(body).isEqualTo(1));
        softly.assertThat(firstThreads).as("consume threads of the stopped route still alive")
                .filteredOn(thread -> !awaitEnd(thread)).extracting(Thread::getName).isEmpty();
        softly.assertAll();
    }

    /**
     * Watches the condition for the whole duration; when it stops holding, the assertions that follow say how.
     */
    private static void watch(Duration duration, Callable<Boolean> condition) {
        try {
            await().during(duration).atMost(duration.plusSeconds(5)).until(condition);
        } catch (ConditionTimeoutException e) {
            // reported by the assertions that follow
        }
    }

    private static void assertThatAwait(boolean reached, String what) {
        if (!reached) {
            throw new AssertionError("timed out waiting until " + what);
        }
    }

    /** Whether the thread ends within a few seconds of the stop. */
    private static boolean awaitEnd(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }
}
