package io.rocketcamel.component.rocketmq;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import io.rocketcamel.component.rocketmq.internal.RocketMQClients;
import io.rocketcamel.testsupport.CapturedLogs;
import org.apache.camel.builder.RouteBuilder;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.store.PutMessageStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * consumeMode=POP: the consumer switches its group to POP on the broker, and the broker then shares one queue's
 * messages among all of the group's consumers.
 */
@Execution(ExecutionMode.CONCURRENT) // each case waits out invisible times, on topics and groups of its own
class PopConsumeIT extends RocketMQITSupport {

    @Test
    void threeConsumersOfAOneQueueTopicShareTheWorkAndNoneWaitsForTheSlowOne() throws Exception {
        String topic = topic("pop", 1);
        String uri = "rocketmq:" + topic + "?consumerGroup=" + unique("g")
                     + "&consumeMode=POP&popBatchSize=1&consumeThreadMin=1&consumeThreadMax=1";
        Map<String, List<String>> byConsumer = new ConcurrentHashMap<>();
        AtomicReference<String> slowConsumer = new AtomicReference<>();
        CountDownLatch othersDone = new CountDownLatch(1);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                for (String consumer : List.of("a", "b", "c")) {
                    from(uri).routeId(consumer).process(e -> {
                        byConsumer.computeIfAbsent(consumer, k -> new CopyOnWriteArrayList<>())
                                .add(text(e.getMessage().getBody()));
                        if (slowConsumer.compareAndSet(null, consumer)) {
                            // the first message hangs; with queues handed out whole its queue would hang with it
                            othersDone.await(60, TimeUnit.SECONDS);
                        }
                    });
                }
            }
        });
        List<String> sent = IntStream.range(0, 30).mapToObj(i -> "job-" + i).toList();
        sent.forEach(body -> template.sendBody("rocketmq:" + topic, body));

        await().atMost(seconds(30)).until(() -> byConsumer.entrySet().stream()
                .filter(entry -> !entry.getKey().equals(slowConsumer.get())).mapToInt(entry -> entry.getValue().size())
                .sum() == sent.size() - 1);
        othersDone.countDown();

        List<String> all = byConsumer.values().stream().flatMap(List::stream).toList();
        assertThat(all).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(byConsumer.get(slowConsumer.get())).hasSize(1);
        assertThat(byConsumer).hasSize(3).allSatisfy((consumer, bodies) -> assertThat(bodies).as(consumer).isNotEmpty());
    }

    @Test
    void aPoppedMessageComesBackWhenTheRouteAsksAndIsDeadLetteredAfterItsLastAttempt() throws Exception {
        String topic = topic("pop-dlq", 1);
        String group = unique("g");
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + group + "&consumeMode=POP&manualAck=true"
                     + "&maxReconsumeTimes=1").process(e -> {
                         attempts.add(e.getMessage().getHeader(RocketMQConstants.RECONSUME_TIMES, Integer.class));
                         e.getMessage().getHeader(RocketMQConstants.ACKNOWLEDGEMENT, RocketMQAcknowledgement.class)
                                 .retryLater(Duration.ofSeconds(1));
                     });
            }
        });

        template.sendBody("rocketmq:" + topic, "poison");

        await().atMost(seconds(30)).until(() -> !broker.messages("%DLQ%" + group, 0).isEmpty());
        List<MessageExt> dead = broker.messages("%DLQ%" + group, 0);
        assertThat(dead).singleElement().satisfies(m -> assertThat(text(m.getBody())).isEqualTo("poison"));
        assertThat(attempts).containsExactly(0, 1);
    }

    /**
     * A route slower than popInvisibleTime: the broker hands the message out again while it runs, counted, and the
     * client drops the outcome. The consumer still sent its dead letter (or retry copy) each time, and the message ran
     * again and again: a failing route left a copy in the dead-letter topic per run (10 in 75 s), a succeeding one was
     * never acknowledged. A lapsed run now leaves no copy, and a message back past its last attempt is dead-lettered
     * without running (the same for a succeeding route).
     */
    @Test
    void aRouteSlowerThanThePopRunsAMessageAtMostMaxReconsumeTimesPlusOneTimes() throws Exception {
        String topic = topic("pop-slow", 1);
        String group = unique("g");
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + group + "&consumeMode=POP&popInvisibleTime=5s"
                     + "&maxReconsumeTimes=1")
                        .process(e -> attempts.add(
                                e.getMessage().getHeader(RocketMQConstants.RECONSUME_TIMES, Integer.class)))
                        // the route's own work, longer than the pop
                        .delay(6500).syncDelayed()
                        .throwException(new IllegalStateException("fails every time"));
            }
        });

        template.sendBody("rocketmq:" + topic, "slow");

        await().atMost(seconds(60)).until(() -> !broker.messages("%DLQ%" + group, 0).isEmpty());
        // one more lapse would show within a pop and a revive (5 s and about 1 s here)
        await().during(seconds(8)).atMost(seconds(9)).until(() -> broker.messages("%DLQ%" + group, 0).size() == 1);
        assertThat(attempts).containsExactly(0, 1);
        assertThat(broker.messages("%DLQ%" + group, 0)).singleElement()
                .satisfies(m -> assertThat(text(m.getBody())).isEqualTo("slow"));
    }

    /**
     * The dead letter is a copy counted past maxReconsumeTimes, and all that keeps the message once its pop is
     * acknowledged. Refused once (busy), the client sent it again without its count, the broker stored it in the retry
     * topic at attempt 0, and the failed message ran again ([0, 0]). Stored only as FLUSH_SLAVE_TIMEOUT (any status but
     * SEND_OK: a copy a failover may lose), it must not count as dead-lettered: the message comes back past its last
     * attempt (after the POP retry delay of its first, 10 s) and is dead-lettered again without running.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PutMessageStatus.class, names = { "OS_PAGE_CACHE_BUSY", "FLUSH_SLAVE_TIMEOUT" })
    void aDeadLetterTheBrokerDidNotStoreSafelyStillReachesTheDeadLetterTopicOnce(PutMessageStatus refusal)
            throws Exception {
        String topic = topic("pop-dlq-refused", 1);
        String group = unique("g");
        AtomicBoolean refusedOnce = new AtomicBoolean();
        refuseStoring(m -> m.getTopic().equals("%DLQ%" + group) && refusedOnce.compareAndSet(false, true), refusal);
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + group + "&consumeMode=POP&maxReconsumeTimes=0")
                        .process(e -> attempts.add(
                                e.getMessage().getHeader(RocketMQConstants.RECONSUME_TIMES, Integer.class)))
                        .throwException(new IllegalStateException("fails every time"));
            }
        });

        template.sendBody("rocketmq:" + topic, "poison");

        await().atMost(seconds(60)).until(() -> !broker.messages("%DLQ%" + group, 0).isEmpty());
        assertThat(refusedOnce).as("the dead letter was refused once").isTrue();
        assertThat(broker.messages("%DLQ%" + group, 0)).singleElement()
                .satisfies(m -> assertThat(text(m.getBody())).isEqualTo("poison"));
        // a copy stored at attempt 0 in the retry topic would come back within its first retry delay (1 s here)
        await().during(seconds(3)).atMost(seconds(4)).until(() -> attempts.size() == 1);
        assertThat(attempts).containsExactly(0);
    }

    /**
     * A message the broker's POP retry brought back (it comes from the group's POP retry topic) and that fails its last
     * attempt is dead-lettered as a message of the topic it was consumed from, which the console shows and re-sends to.
     */
    @Test
    void aMessageDeadLetteredAfterAPopRetryNamesTheTopicItWasConsumedFrom() throws Exception {
        String topic = topic("pop-dlq-origin", 1);
        String group = unique("g");
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + group + "&consumeMode=POP&maxReconsumeTimes=1"
                     + "&retryDelayLevel=1").process(e -> {
                         attempts.add(e.getMessage().getHeader(RocketMQConstants.RECONSUME_TIMES, Integer.class));
                         throw new IllegalStateException("never processed");
                     });
            }
        });

        template.sendBody("rocketmq:" + topic, "poison");

        await().atMost(seconds(40)).until(() -> !broker.messages("%DLQ%" + group, 0).isEmpty());
        assertThat(broker.messages("%DLQ%" + group, 0)).singleElement().satisfies(dead -> {
            assertThat(text(dead.getBody())).isEqualTo("poison");
            assertThat(dead.getProperty(MessageConst.PROPERTY_RETRY_TOPIC)).isEqualTo(topic);
        });
        assertThat(attempts).containsExactly(0, 1);
    }

    /**
     * The bound a POP consumer puts on its pops is named once per endpoint, not at each start of its route (a route
     * policy may stop and start it often): with the defaults, popBatchSize=32 above consumeThreadMin=20.
     */
    @Test
    void thePopsBoundIsNamedOncePerEndpointNotAtEachStart() throws Exception {
        String topic = topic("pop-bound", 1);
        String group = unique("g");
        String routeId = unique("pop-bound");
        try (CapturedLogs logs = new CapturedLogs(RocketMQClients.class)) {
            start(new RouteBuilder() {
                @Override
                public void configure() {
                    from("rocketmq:" + topic + "?consumerGroup=" + group + "&consumeMode=POP").routeId(routeId)
                            .to("log:pop-bound?level=OFF");
                }
            });
            for (int i = 0; i < 2; i++) {
                context.getRouteController().stopRoute(routeId);
                context.getRouteController().startRoute(routeId);
            }
            assertThat(logs.events()).filteredOn(event -> event.getFormattedMessage().contains(group))
                    .singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                            .contains("pops at most 20 message(s) at a time, not popBatchSize=32"));
        }
    }
}
