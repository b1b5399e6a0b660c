package io.rocketcamel.component.rocketmq;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.store.PutMessageStatus;
import org.apache.rocketmq.store.timer.TimerMessageStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The route decides when a message is acknowledged or redelivered, and how long a redelivery waits. The test broker's
 * delay levels are 1 s except level 2 (2 s), so the default first redelivery (level 3) comes after about 1 s.
 */
class ManualAckIT extends RocketMQITSupport {

    /** One delivery as the route saw it. */
    record Delivery(String body, String messageId, int reconsumeTimes, long atMillis, RocketMQAcknowledgement ack) {
        static Delivery of(Exchange e) {
            return new Delivery(text(e.getMessage().getBody()), e.getMessage().getHeader(RocketMQConstants.MESSAGE_ID, String.class),
                    e.getMessage().getHeader(RocketMQConstants.RECONSUME_TIMES, Integer.class), System.currentTimeMillis(),
                    e.getMessage().getHeader(RocketMQConstants.ACKNOWLEDGEMENT, RocketMQAcknowledgement.class));
        }
    }

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    private List<Delivery> of(String body) {
        return deliveries.stream().filter(d -> d.body().equals(body)).toList();
    }

    @Test
    void aDeferredDecisionHoldsTheMessageAndRetryLaterRedeliversAtTheTimeAsked() throws Exception {
        String topic = topic("manual-ack", 2);
        String group = unique("g");
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + group + "&manualAck=true&manualAckTimeout=30s")
                        .process(e -> {
                            Delivery delivery = Delivery.of(e);
                            deliveries.add(delivery);
                            // decided on another thread after the exchange completed, as an asynchronous hand-off would
                            CompletableFuture.runAsync(() -> {
                                if (delivery.body().equals("retry-me") && delivery.reconsumeTimes() == 0) {
                                    delivery.ack().retryLater(Duration.ofSeconds(2));
                                } else {
                                    delivery.ack().ack();
                                }
                            }, CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS));
                        });
            }
        });

        template.sendBodyAndHeader("rocketmq:" + topic, "ack-me", RocketMQConstants.KEYS, "k-ack");
        template.sendBodyAndHeader("rocketmq:" + topic, "retry-me", RocketMQConstants.KEYS, "k-retry");

        await().atMost(seconds(20)).until(() -> of("retry-me").size() >= 2);
        List<Delivery> retried = of("retry-me");
        assertThat(retried).extracting(Delivery::reconsumeTimes).containsExactly(0, 1);
        assertThat(retried.get(1).messageId()).isEqualTo(retried.get(0).messageId());
        // asked for 2 s after the decision, which came 0.5 s after the delivery; the broker's timer ticks every 0.1 s
        assertThat(retried.get(1).atMillis() - retried.get(0).atMillis()).isBetween(2_400L, 7_000L);
        // acknowledged late but acknowledged: the offset moves past it long before the 30 s timeout would free it
        // (the client commits every 5 s), and it comes once
        await().atMost(seconds(20)).until(() -> broker.lag(group, topic) == 0);
        assertThat(of("ack-me")).hasSize(1);
    }

    @Test
    void anUndecidedMessageIsRedeliveredAfterTheTimeoutAndALateDecisionIsRefused() throws Exception {
        String topic = topic("manual-ack-timeout", 1);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g") + "&manualAck=true&manualAckTimeout=1s")
                        .process(e -> {
                            Delivery delivery = Delivery.of(e);
                            deliveries.add(delivery);
                            if (delivery.reconsumeTimes() > 0) {
                                delivery.ack().ack();
                            }
                        });
            }
        });

        template.sendBody("rocketmq:" + topic, "forgotten");

        await().atMost(seconds(20)).until(() -> deliveries.size() >= 2);
        assertThat(deliveries).extracting(Delivery::reconsumeTimes).containsExactly(0, 1);
        assertThatThrownBy(() -> deliveries.get(0).ack().ack()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already being redelivered");
    }

    @Test
    void theRouteChoosesTheDelayLevelOfAFailedMessagesRedelivery() throws Exception {
        // without the header the first redelivery comes after 1 s
        assertRedeliveredAtTheTwoSecondLevel(topic("retry-level", 1), "", 2);
    }

    /**
     * A level header that is no level: 99 went to the broker, which took its last level (here 1 s) instead of the
     * endpoint's; "abc" threw out of the listener, and the client's own growing delay (level 3, 1 s) applied. Both now
     * redeliver at the endpoint's retryDelayLevel (2: 2 s), with a WARN naming the header.
     */
    @ParameterizedTest
    @ValueSource(strings = {"99", "abc"})
    void aRetryDelayLevelHeaderThatIsNoLevelLeavesTheEndpointsLevel(String level) throws Exception {
        assertRedeliveredAtTheTwoSecondLevel(topic("retry-no-level", 1), "retryDelayLevel=2&", level);
    }

    /**
     * A message whose first delivery fails with the retry level header set to {@code level} comes again after level 2,
     * the test broker's only 2 s level.
     */
    private void assertRedeliveredAtTheTwoSecondLevel(String topic, String options, Object level) throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("rocketmq:" + topic + "?" + options + "consumerGroup=" + unique("g")).process(e -> {
                    Delivery delivery = Delivery.of(e);
                    deliveries.add(delivery);
                    if (delivery.reconsumeTimes() == 0) {
                        e.getMessage().setHeader(RocketMQConstants.RETRY_DELAY_LEVEL, level);
                        throw new IllegalStateException("not yet");
                    }
                });
            }
        });

        template.sendBody("rocketmq:" + topic, "later");

        await().atMost(seconds(20)).until(() -> deliveries.size() >= 2);
        assertThat(deliveries.get(1).atMillis() - deliveries.get(0).atMillis()).isBetween(1_900L, 7_000L);
    }

    /**
     * retryLater's copy is what redelivers the message once the original is acknowledged: a copy the broker did not
     * store safely (any status but SEND_OK; here one it refused with FLUSH_SLAVE_TIMEOUT) counted as on its way, the
     * original was acknowledged and the message never came again. Now the broker's own redelivery takes it.
     */
    @Test
    void aRetryLaterCopyNotStoredSafelyLeavesTheMessageToTheBrokersRedelivery() throws Exception {
        String topic = topic("manual-ack-unsafe", 1);
        AtomicInteger refused = refuseStoring(m -> TimerMessageStore.TIMER_TOPIC.equals(m.getTopic())
                                                   && String.valueOf(m.getProperty(MessageConst.PROPERTY_REAL_TOPIC))
                                                           .startsWith(MixAll.RETRY_GROUP_TOPIC_PREFIX)
                                                   && text(m.getBody()).equals("retry-me"),
                PutMessageStatus.FLUSH_SLAVE_TIMEOUT);
        decideManually(topic, delivery -> {
            if (delivery.reconsumeTimes() == 0) {
                delivery.ack().retryLater(Duration.ofSeconds(1));
            } else {
                delivery.ack().ack();
            }
        });

        template.sendBody("rocketmq:" + topic, "retry-me");

        await().atMost(seconds(30)).until(() -> of("retry-me").size() >= 2);
        assertThat(refused.get()).as("retry copies the broker refused").isPositive();
    }

    /**
     * The brokers refuse a timer message due later than their timerMaxDelaySec (3 days by default): the copy due in 4
     * days was refused, and the message came back after the broker's own delay (1 s here), with nothing but a WARN.
     */
    @Test
    void aRetryLaterPastTheBrokersTimerLimitIsRefusedByTheCall() throws Exception {
        String topic = topic("manual-ack-far", 1);
        List<Throwable> refusals = new CopyOnWriteArrayList<>();
        decideManually(topic, delivery -> {
            try {
                delivery.ack().retryLater(Duration.ofDays(4));
            } catch (IllegalArgumentException refused) {
                refusals.add(refused);
                delivery.ack().ack();
            }
        });

        template.sendBody("rocketmq:" + topic, "in-four-days");

        await().atMost(seconds(20)).until(() -> !deliveries.isEmpty());
        await("deliveries within days").during(seconds(5)).atMost(seconds(6))
                .until(() -> of("in-four-days").size(), size -> size == 1);
        assertThat(refusals).singleElement().extracting(Throwable::getMessage).asString()
                .contains("PT96H", "maxDelay=PT72H", "timerMaxDelaySec");
    }

    /**
     * A broadcast retry waits on the consume thread: a delay whose milliseconds overflow a long was accepted, then threw
     * out of the listener, and the client dropped the message without a retry or a dead letter.
     */
    @Test
    void aBroadcastRetryLaterLongerThanMaxDelayIsRefusedByTheCall() throws Exception {
        String topic = topic("manual-ack-broadcast-far", 1);
        List<Throwable> refusals = new CopyOnWriteArrayList<>();
        decideManually(topic, "&messageModel=BROADCASTING&suspendTime=200&offsetStoreDir=target/" + unique("offsets"),
                delivery -> {
                    if (deliveries.size() > 1) {
                        delivery.ack().ack();
                        return;
                    }
                    try {
                        delivery.ack().retryLater(Duration.ofSeconds(Long.MAX_VALUE));
                    } catch (IllegalArgumentException refused) {
                        refusals.add(refused);
                        delivery.ack().retryLater();
                    }
                });

        template.sendBody("rocketmq:" + topic, "for-ever");

        await().atMost(seconds(20)).until(() -> of("for-ever").size(), size -> size == 2);
        assertThat(refusals).singleElement().extracting(Throwable::getMessage).asString()
                .contains("maxDelay=PT72H", "BROADCASTING");
    }

    @Test
    void anOrderlyRetryLaterSuspendsTheQueueAndNothingOvertakesTheMessage() throws Exception {
        String topic = topic("orderly-ack", 1);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g") + "&consumeMode=ORDERLY&manualAck=true")
                        .process(e -> {
                            Delivery delivery = Delivery.of(e);
                            deliveries.add(delivery);
                            if (delivery.body().equals("m1") && delivery.reconsumeTimes() == 0) {
                                delivery.ack().retryLater(Duration.ofMillis(1500));
                            } else {
                                delivery.ack().ack();
                            }
                        });
            }
        });

        List.of("m1", "m2", "m3").forEach(body -> template.sendBody("rocketmq:" + topic, body));

        await().atMost(seconds(20)).until(() -> deliveries.size() >= 4);
        assertThat(deliveries).extracting(Delivery::body).containsExactly("m1", "m1", "m2", "m3");
        assertThat(deliveries.get(1).atMillis() - deliveries.get(0).atMillis()).isBetween(1_400L, 6_000L);
    }

    /**
     * POP: retryLater sends a copy to the retry topic and acknowledges the popped original. Building the copy cleared
     * the POP receipt on the original too (the two shared one property map), so its acknowledgement failed and the
     * broker revived it after popInvisibleTime: the route saw the message a second time, and each copy asking again
     * doubled it.
     */
    @Test
    void aPopRetryLaterAcknowledgesThePoppedOriginal() throws Exception {
        String topic = topic("pop-later", 1);
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g") + "&consumeMode=POP&manualAck=true"
                     + "&popInvisibleTime=5000&manualAckTimeout=1000")
                        .process(retryOnceThenAck(attempts, Duration.ofSeconds(1)));
            }
        });

        template.sendBody("rocketmq:" + topic, "job");

        await().atMost(seconds(30)).until(() -> attempts.size() >= 2);
        // a revived original comes popInvisibleTime (5 s, the least allowed) after its pop, plus the broker's revive
        // scan (1 s): watched until 10 s after the retry
        await().during(seconds(10)).atMost(seconds(20)).untilAsserted(() -> assertThat(attempts).containsExactly(0, 1));
    }

    /**
     * consumeFromWhere=TIMESTAMP: a redelivery asked for in the group's first seconds, before the client committed an
     * offset of the group's retry queue, arrives while the route is stopped. The restarted consumer started the retry
     * queue at its end (no offset there: the client's rule for TIMESTAMP) and skipped it; LAST_OFFSET and
     * FIRST_OFFSET read a retry queue from its start.
     */
    @Test
    void withConsumeFromTimestampARedeliveryThatArrivedWhileTheRouteWasStoppedIsConsumed() throws Exception {
        String topic = topic("ts-retry", 1);
        String group = unique("g");
        String retryTopic = "%RETRY%" + group;
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        String since = LocalDateTime.now().minusMinutes(1).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + group + "&consumeFromWhere=TIMESTAMP&consumeTimestamp="
                     + since + "&manualAck=true").routeId("from-timestamp")
                        .process(retryOnceThenAck(attempts, Duration.ofSeconds(5)));
            }
        });
        template.sendBody("rocketmq:" + topic, "job");
        await().atMost(seconds(30)).until(() -> attempts.contains(0));

        context.getRouteController().stopRoute("from-timestamp");
        // the client's own rule for TIMESTAMP would start the retry queue at its end, after the redelivery
        assertThat(brokerController().getConsumerOffsetManager().queryOffset(group, retryTopic, 0))
                .as("the group's start on its retry queue, stored when the group got the queue").isZero();
        await().atMost(seconds(30)).until(() -> !broker.messages(retryTopic, 0).isEmpty());
        context.getRouteController().startRoute("from-timestamp");

        await().atMost(seconds(30)).untilAsserted(() -> assertThat(attempts).containsExactly(0, 1));
    }

    /**
     * A route stopped while its exchange waits for the decision has not failed the message: the message goes back to
     * the group as it came, its attempt not counted. It was handed back as a failure: on its last attempt (here the
     * first, with maxReconsumeTimes=0) the client's send-back (CONCURRENTLY, ORDERLY) or the consumer itself (POP) moved
     * it to the group's dead-letter topic, and a broadcast node dropped it, although the route never failed it.
     */
    @ParameterizedTest
    @ValueSource(strings = { "", "&consumeMode=ORDERLY", "&consumeMode=POP",
                             "&messageModel=BROADCASTING&offsetStoreDir=target/manual-ack-stop-offsets" })
    void aStopBeforeTheRoutesDecisionIsNoFailedAttempt(String mode) throws Exception {
        String topic = topic("manual-ack-stop", 1);
        String group = unique("g");
        AtomicBoolean approving = new AtomicBoolean();
        List<Delivery> afterRestart = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + group + "&manualAck=true&maxReconsumeTimes=0"
                     + "&consumeFromWhere=FIRST_OFFSET" + mode).routeId("approvals")
                        .process(e -> {
                            Delivery delivery = Delivery.of(e);
                            if (approving.get()) {
                                afterRestart.add(delivery);
                                delivery.ack().ack();
                            } else {
                                // the approval is pending: no decision yet
                                deliveries.add(delivery);
                            }
                        });
            }
        });
        template.sendBody("rocketmq:" + topic, "awaiting-approval");
        await().atMost(seconds(30)).until(() -> !deliveries.isEmpty());

        context.getRouteController().stopRoute("approvals");
        approving.set(true);
        context.getRouteController().startRoute("approvals");

        String deadLetters = "%DLQ%" + group;
        await().atMost(seconds(45)).untilAsserted(() -> assertThat(afterRestart)
                .as("deliveries after the restart (in %s: %s)", deadLetters,
                        broker.messages(deadLetters).stream().map(m -> text(m.getBody())).toList())
                .extracting(Delivery::body, Delivery::reconsumeTimes)
                .containsExactly(tuple("awaiting-approval", 0)));
        // what it handed back the stopping consumer no longer runs, though its client may take it again (ORDERLY: after
        // suspendTime; CLUSTERING: the copy, through a pull of the retry topic the broker was holding)
        assertThat(deliveries).as("deliveries before the restart").extracting(Delivery::body, Delivery::reconsumeTimes)
                .containsExactly(tuple("awaiting-approval", 0));
        assertThat(broker.messages(deadLetters)).as("dead letters").isEmpty();
    }

    /**
     * The client moves a retry copy's attempt counts from its properties into the request and clears them on the
     * first try: a copy the broker refused once (busy) went again without them, stored at attempt 0 under the group's
     * default limit, and the message ran once more than maxReconsumeTimes allows ([0, 0, 1, 2]).
     */
    @Test
    void aRetryCopyTheBrokerRefusedOnceKeepsItsAttemptCount() throws Exception {
        String topic = topic("manual-ack-copy-retried", 1);
        String group = unique("g");
        AtomicBoolean refusedOnce = new AtomicBoolean();
        // a copy due later is stored on the broker's timer topic first
        refuseStoring(m -> m.getTopic().equals(TimerMessageStore.TIMER_TOPIC)
                           && text(m.getBody()).equals("always-later") && refusedOnce.compareAndSet(false, true));
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + group + "&manualAck=true&maxReconsumeTimes=2")
                        .process(e -> {
                            Delivery delivery = Delivery.of(e);
                            deliveries.add(delivery);
                            delivery.ack().retryLater(Duration.ofSeconds(1));
                        });
            }
        });

        template.sendBody("rocketmq:" + topic, "always-later");

        await().atMost(seconds(45)).until(() -> !broker.messages(MixAll.getDLQTopic(group)).isEmpty());
        assertThat(refusedOnce).as("the first copy was refused once").isTrue();
        assertThat(deliveries).extracting(Delivery::reconsumeTimes).containsExactly(0, 1, 2);
        assertThat(broker.messages(MixAll.getDLQTopic(group))).extracting(m -> text(m.getBody()))
                .containsExactly("always-later");
    }

    /** Records each attempt's number; asks for a redelivery after {@code delay} on the first, acknowledges the next. */
    private static Processor retryOnceThenAck(List<Integer> attempts, Duration delay) {
        return e -> {
            int attempt = e.getMessage().getHeader(RocketMQConstants.RECONSUME_TIMES, Integer.class);
            attempts.add(attempt);
            RocketMQAcknowledgement ack = e.getMessage().getHeader(RocketMQConstants.ACKNOWLEDGEMENT,
                    RocketMQAcknowledgement.class);
            if (attempt == 0) {
                ack.retryLater(delay);
            } else {
                ack.ack();
            }
        };
    }

    /** A manualAck route of a new group on the topic that records each delivery, then lets {@code decide} answer it. */
    private void decideManually(String topic, DeliveryDecision decide) throws Exception {
        decideManually(topic, "", decide);
    }

    private void decideManually(String topic, String options, DeliveryDecision decide) throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g") + "&manualAck=true" + options).process(e -> {
                    Delivery delivery = Delivery.of(e);
                    deliveries.add(delivery);
                    decide.decide(delivery);
                });
            }
        });
    }

    @FunctionalInterface
    private interface DeliveryDecision {
        void decide(Delivery delivery) throws Exception;
    }
}
