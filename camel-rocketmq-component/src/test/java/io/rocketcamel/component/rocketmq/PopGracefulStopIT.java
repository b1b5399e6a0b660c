package io.rocketcamel.component.rocketmq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.rocketcamel.component.rocketmq.consumer.RocketMQConsumer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.function.ThrowingRunnable;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.store.stats.BrokerStatsManager;
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
                    }
                    // every exchange started before the stop is still running when it begins
                    release.await(60, TimeUnit.SECONDS);
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
     * Camel's stop after its timeout stops the consumer from two threads at once, one of them its shutdown task, which
     * it has just interrupted. When that one came first, waiting for the exchanges in flight threw InterruptedException:
     * the stop failed and the POP client was never closed. A stop on an interrupted thread does what any other does.
     */
    @Test
    void aStopOnAnInterruptedThreadLetsTheExchangesFinishAndClosesTheClient() throws Exception {
        String topic = topic("pop-interrupted-stop", 1);
        template.sendBody("rocketmq:" + topic, "hold");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Set<String> completed = ConcurrentHashMap.newKeySet();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g") + "&consumeMode=POP&consumeThreadMin=1"
                     + "&consumeThreadMax=1&consumeFromWhere=FIRST_OFFSET").routeId("first").process(e -> {
                         started.countDown();
                         release.await(60, TimeUnit.SECONDS);
                         completed.add(text(e.getMessage().getBody()));
                     });
            }
        });
        assertThatAwait(started.await(30, TimeUnit.SECONDS), "hold reached the route");

        RocketMQConsumer consumer = (RocketMQConsumer) context.getRoute("first").getConsumer();
        List<Throwable> stopFailures = new CopyOnWriteArrayList<>();
        Thread stopper = new Thread(() -> {
            // as Camel's shutdown task after the timeout
            Thread.currentThread().interrupt();
            try {
                ServiceHelper.stopService(consumer);
            } catch (Throwable e) {
                stopFailures.add(e);
            }
        }, "interrupted-stop");
        stopper.start();
        await().atMost(seconds(30)).until(() -> consumer.isStopping() || !stopper.isAlive());
        release.countDown();
        stopper.join(TimeUnit.SECONDS.toMillis(60));

        assertThat(stopFailures).as("failures of the stop").isEmpty();
        assertThat(consumer.client()).as("the RocketMQ client after the stop").isNull();
        assertThat(completed).containsExactly("hold");
    }

    /**
     * A popped message whose run would only start once the consumer stops is refused without running the route: not a
     * failure. It was handed back unacknowledged and the broker revived it as a retry, one attempt counted, so with
     * maxReconsumeTimes=1 its first real failure after the stop dead-lettered it. It comes back at its own attempt.
     */
    @Test
    void aPopRefusedAtTheStopComesBackWithoutAnAttemptCounted() throws Exception {
        String topic = topic("pop-refused", 1);
        String group = unique("g");
        // three threads and one message a pop: while two exchanges run, the client's next pop waits on the broker
        String uri = "rocketmq:" + topic + "?consumerGroup=" + group + "&consumeMode=POP&consumeThreadMin=3"
                     + "&consumeThreadMax=3&popBatchSize=1&popInvisibleTime=" + POP_INVISIBLE_SECONDS + "s"
                     + "&maxReconsumeTimes=1&consumeFromWhere=FIRST_OFFSET";
        template.sendBody("rocketmq:" + topic, "hold-1");
        template.sendBody("rocketmq:" + topic, "hold-2");
        Set<String> ranFirst = ConcurrentHashMap.newKeySet();
        CountDownLatch release = new CountDownLatch(1);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("first").process(e -> {
                    String body = text(e.getMessage().getBody());
                    ranFirst.add(body);
                    if (body.startsWith("hold")) {
                        release.await(90, TimeUnit.SECONDS);
                    }
                });
            }
        });
        await().atMost(seconds(30)).until(() -> ranFirst.containsAll(List.of("hold-1", "hold-2")));

        // Camel waits 1 s for the exchanges in flight, then stops the consumer while they still run
        ServiceSupport consumer = (ServiceSupport) context.getRoute("first").getConsumer();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
            try {
                context.getRouteController().stopRoute("first", 1, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(seconds(30)).until(consumer::isStopping);
        template.sendBody("rocketmq:" + topic, "late");
        // the pop that waited on the broker takes it, to a consumer that no longer runs its route; the exchanges are
        // released once the consumer answered for that pop (a pop the client got after it closed would come back
        // after popInvisibleTime, counted, whatever the consumer does)
        await("the stopping consumer took the late message and answered for its pop").atMost(seconds(30))
                .until(() -> deliveredByBroker(topic, group) >= 3 && popsAnswered(topic, group) >= 1);
        release.countDown();
        stopping.get(60, TimeUnit.SECONDS);
        assertThat(ranFirst).as("run by the stopped route").containsExactlyInAnyOrder("hold-1", "hold-2");

        List<Integer> lateAttempts = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from(uri).routeId("second").process(e -> {
                    if (text(e.getMessage().getBody()).equals("late")) {
                        lateAttempts.add(e.getMessage().getHeader(RocketMQConstants.RECONSUME_TIMES, Integer.class));
                        if (lateAttempts.size() == 1) {
                            throw new IllegalStateException("the first real failure of late");
                        }
                    }
                });
            }
        });

        String deadLetters = "%DLQ%" + group;
        // a failure comes back after the POP retry delay of its attempt (10 s), a revived pop after its invisible time
        await().atMost(seconds(60)).until(() -> !broker.messages(deadLetters).isEmpty() || lateAttempts.size() >= 2);
        assertThat(broker.messages(deadLetters)).as("dead letters after one real failure")
                .extracting(m -> text(m.getBody())).isEmpty();
        assertThat(lateAttempts).as("reconsume times of late's attempts after the stop").containsExactly(0, 1);
    }

    /**
     * An answer's callback hands its messages to the POP service on the thread that ran the client's hooks, after
     * them: on a busy machine (a CI run, where 13 messages came back counted) that thread took longer than the stop's
     * fixed 20 ms grace, the service stopped first, and the client dropped them. A later hook holding the thread 300 ms
     * stands for it.
     */
    @Test
    void anAnswerHandedOverSlowlyAsTheRouteStopsComesBackUncounted() throws Exception {
        String topic = topic("pop-slow-handover", 1);
        String group = unique("g");
        Map<String, List<Integer>> attempts = new ConcurrentHashMap<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + group + "&consumeMode=POP&popInvisibleTime=5s"
                     + "&maxReconsumeTimes=0").routeId("slow-handover").process(e -> attempts
                        .computeIfAbsent(text(e.getMessage().getBody()), k -> new CopyOnWriteArrayList<>())
                        .add(e.getMessage().getHeader(RocketMQConstants.RECONSUME_TIMES, Integer.class)));
            }
        });
        template.sendBody("rocketmq:" + topic, "first");
        await().atMost(seconds(20)).until(() -> attempts.containsKey("first"));
        RocketMQConsumer consumer = (RocketMQConsumer) context.getRoute("slow-handover").getConsumer();
        consumer.client().getDefaultMQPushConsumerImpl().getmQClientFactory().getMQClientAPIImpl().getRemotingClient()
                .registerRPCHook(new SlowFirstPopAnswer(Duration.ofMillis(300)));

        // the consumer's next pop waits at the broker: the message is its answer, as the route stops
        await().atMost(seconds(20)).until(() -> popWaiting(topic, group));
        template.sendBody("rocketmq:" + topic, "second");
        context.getRouteController().stopRoute("slow-handover", 30, TimeUnit.SECONDS);
        context.getRouteController().startRoute("slow-handover");

        String deadLetters = "%DLQ%" + group;
        await().atMost(seconds(30))
                .until(() -> attempts.containsKey("second") || !broker.messages(deadLetters).isEmpty());
        assertThat(broker.messages(deadLetters)).as("dead letters").isEmpty();
        assertThat(attempts.get("second")).as("attempts of the message answered as the route stopped")
                .containsExactly(0);
    }

    private boolean popWaiting(String topic, String group) {
        return brokerController().getPopMessageProcessor().getPopLongPollingService().getPollingMap().asMap()
                .entrySet().stream().anyMatch(waiting -> waiting.getKey().startsWith(topic + "@" + group)
                                                         && !waiting.getValue().isEmpty());
    }

    /** Holds the first pop answer with messages on its callback thread, before the client's callback runs. */
    private static final class SlowFirstPopAnswer implements RPCHook {

        private final AtomicBoolean armed = new AtomicBoolean(true);
        private final CountDownLatch never = new CountDownLatch(1);
        private final Duration hold;

        SlowFirstPopAnswer(Duration hold) {
            this.hold = hold;
        }

        @Override
        public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
        }

        @Override
        public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
            if (request.getCode() == RequestCode.POP_MESSAGE && response != null
                && response.getCode() == ResponseCode.SUCCESS && armed.compareAndSet(true, false)) {
                try {
                    never.await(hold.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * A route stopped and started again while messages keep coming: a pop the broker answers during the stop, after
     * the route stopped running exchanges, goes back to the group at its own attempt, as one refused at the stop. The
     * client dropped one that came after the consumer's POP service stopped: its messages came back after
     * popInvisibleTime, counted, and with maxReconsumeTimes=0 they were dead-lettered without running.
     */
    @Test
    void popsAnsweredDuringStopsUnderSteadySendsComeBackUncounted() throws Exception {
        String topic = topic("pop-stops-under-load", 4);
        String group = unique("g");
        // not less: a pop whose messages wait longer for a thread (an overloaded CI machine) comes back counted too
        String uri = "rocketmq:" + topic + "?consumerGroup=" + group + "&consumeMode=POP&popInvisibleTime=10s"
                     + "&consumeFromWhere=FIRST_OFFSET";
        Map<String, List<Integer>> attempts = new ConcurrentHashMap<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("steady").process(e -> attempts
                        .computeIfAbsent(text(e.getMessage().getBody()), k -> new CopyOnWriteArrayList<>())
                        .add(e.getMessage().getHeader(RocketMQConstants.RECONSUME_TIMES, Integer.class)));
            }
        });
        AtomicInteger sentCount = new AtomicInteger();
        List<Duration> stops = new ArrayList<>();
        ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
        // about 50 messages a second, at most 3,000: a pop waiting on the broker is answered some milliseconds into
        // the stop
        ScheduledFuture<?> sending = sender.scheduleAtFixedRate(() -> {
            if (sentCount.get() < 3_000) {
                template.sendBody("rocketmq:" + topic, "m-" + sentCount.getAndIncrement());
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
        try {
            for (int stop = 0; stop < 30; stop++) {
                int ranBefore = attempts.size();
                await().atMost(seconds(30)).until(() -> attempts.size() >= ranBefore + 40);
                stops.add(timed(() -> context.getRouteController().stopRoute("steady", 30, TimeUnit.SECONDS)));
                context.getRouteController().startRoute("steady");
            }
        } finally {
            sending.cancel(false);
            sender.shutdown();
            assertThat(sender.awaitTermination(30, TimeUnit.SECONDS)).as("sender ended").isTrue();
        }
        int sent = sentCount.get();
        // a pop the client dropped comes back popInvisibleTime after it, plus the broker's revive scan
        await().atMost(seconds(60)).until(() -> attempts.size() == sent);
        watch(seconds(8), () -> attempts.values().stream().allMatch(times -> times.size() == 1));

        assertThat(attempts.entrySet()).as("messages of %d run more than once or at a counted attempt", sent)
                .filteredOn(entry -> !entry.getValue().equals(List.of(0))).isEmpty();
        assertThat(broker.messages("%DLQ%" + group)).as("dead letters").isEmpty();
        // a stop waits for the pops of a topic that brought messages within 2 s, never for one waiting on a quiet topic
        assertThat(stops).as("stops under steady sends").allSatisfy(stop -> assertThat(stop).isLessThan(seconds(10)));
        assertThat(timed(() -> context.getRouteController().stopRoute("steady", 30, TimeUnit.SECONDS)))
                .as("stop once the topic is quiet").isLessThan(seconds(2));
    }

    private static Duration timed(ThrowingRunnable<Exception> action) throws Exception {
        long start = System.nanoTime();
        action.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Pops of the topic the group acknowledged or whose invisible time it changed: the broker counts the change as an
     * acknowledgement of the pop it replaces.
     */
    private long popsAnswered(String topic, String group) {
        var item = brokerController().getBrokerStatsManager().getStatsItem(BrokerStatsManager.GROUP_ACK_NUMS,
                topic + "@" + group);
        return item == null ? 0 : item.getValue().sum();
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
