package io.rocketcamel.component.rocketmq.saga;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.rocketcamel.component.rocketmq.SagaITSupport;
import io.rocketcamel.component.rocketmq.saga.SagaEvent.Action;
import io.rocketcamel.component.rocketmq.saga.SagaEvent.Type;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.SagaCompletionMode;
import org.apache.camel.model.SagaPropagation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failing callbacks: retried with back-off (3 attempts, 200 ms then 400 ms apart), dead-lettered after the last one
 * (a copy on the dead-letter topic, which a route can read), and run again, once, when the saga is re-driven.
 */
class SagaRetryIT extends SagaITSupport {

    /** The test broker's timer precision: a retry may come this much early. */
    private static final long TIMER_PRECISION_MILLIS = 100;

    private final Callbacks attempts = new Callbacks();
    private final Callbacks successes = new Callbacks();
    private final List<String> sagaIds = new CopyOnWriteArrayList<>();
    private final List<Exchange> deadLetters = new CopyOnWriteArrayList<>();
    private final AtomicBoolean hotelBack = new AtomicBoolean();

    @Test
    void aFailingCallbackIsRetriedWithBackOffThenDeadLetteredAndRunsOnceWhenReDriven() throws Exception {
        String topic = sagaTopic();
        RocketMQSagaService saga = sagaService(unique("travel"), topic);
        context.addService(saga);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:book").saga().completionMode(SagaCompletionMode.MANUAL).compensation("direct:cancel-flight")
                        .process(e -> sagaIds.add(e.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION, String.class)))
                        .to("direct:hotel");
                from("direct:hotel").saga().propagation(SagaPropagation.MANDATORY).compensation("direct:cancel-hotel")
                        .option("room", constant("101"))
                        .log("hotel booked");
                // the airline's cancellation answers on its third attempt
                from("direct:cancel-flight").process(attempts.record("cancel-flight"))
                        .filter(header(RocketMQSagaService.ATTEMPT_HEADER).isLessThan(3))
                            .throwException(new IllegalStateException("airline busy")).end()
                        .process(successes.record("cancel-flight"));
                // the hotel's is down until it comes back
                from("direct:cancel-hotel").process(attempts.record("cancel-hotel"))
                        .filter(e -> !hotelBack.get()).throwException(new IllegalStateException("hotel down")).end()
                        .process(successes.record("cancel-hotel"));
                from("rocketmq:" + topic + "-dlq?consumerGroup=" + unique("ops") + "&consumeFromWhere=FIRST_OFFSET")
                        .process(e -> deadLetters.add(e.copy()));
            }
        });
        template.sendBody("direct:book", "trip");
        String sagaId = sagaIds.get(0);

        template.sendBodyAndHeader("saga:compensate", null, Exchange.SAGA_LONG_RUNNING_ACTION, sagaId);

        // the hotel joined last, so it is compensated first: three attempts, then the dead-letter topic
        await().atMost(seconds(30)).until(() -> successes.of("cancel-flight").size() == 1);
        List<Callbacks.Call> hotel = attempts.of("cancel-hotel");
        assertThat(hotel).extracting(Callbacks.Call::attempt).containsExactly(1, 2, 3);
        assertThat(hotel.get(1).at() - hotel.get(0).at()).isGreaterThanOrEqualTo(200 - TIMER_PRECISION_MILLIS);
        assertThat(hotel.get(2).at() - hotel.get(1).at()).isGreaterThanOrEqualTo(400 - TIMER_PRECISION_MILLIS);
        assertThat(hotel.get(0).headers()).containsEntry("room", "101");
        List<Callbacks.Call> flight = attempts.of("cancel-flight");
        assertThat(flight).extracting(Callbacks.Call::attempt).containsExactly(1, 2, 3);
        assertThat(flight.get(0).at()).as("the flight's compensation waited for the hotel's")
                .isGreaterThanOrEqualTo(hotel.get(2).at());

        await().atMost(seconds(30)).until(() -> deadLetters.size() == 1);
        Exchange deadLetter = deadLetters.get(0);
        assertThat(deadLetter.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION)).isEqualTo(sagaId);
        SagaEvent copy = SagaEvent.fromBytes(deadLetter.getMessage().getBody(byte[].class));
        assertThat(copy.type()).isEqualTo(Type.DEAD_LETTERED);
        assertThat(copy.action()).isEqualTo(Action.COMPENSATION);
        assertThat(copy.compensation()).isEqualTo("direct://cancel-hotel");
        assertThat(copy.options()).containsEntry("room", "101");
        assertThat(copy.attempt()).isEqualTo(3);
        assertThat(copy.reason()).contains("hotel down");

        hotelBack.set(true);
        saga.redrive(sagaId);

        await().atMost(seconds(30)).until(() -> successes.of("cancel-hotel").size() == 1);
        await().during(Duration.ofSeconds(1)).atMost(seconds(3))
                .until(() -> attempts.all().size() == 7 && successes.all().size() == 2);
        assertThat(attempts.of("cancel-hotel")).extracting(Callbacks.Call::attempt).containsExactly(1, 2, 3, 1);
        assertThat(deadLetters).hasSize(1);
    }

    /**
     * A callback that failed and waits for its retry when its service stops: the instance that takes the saga's queue
     * over waits out the rest of the back-off and runs the next attempt, numbered as such. Before, it had not read the
     * retry (a timer message, due later), ran the failed attempt again at once under the same number, and the retry's
     * arrival then let the attempt after that run at once too (an outside audit: attempts 1, 1, 2, 3).
     */
    @Test
    void aCallbackAwaitingItsRetryWhenItsServiceRestartsWaitsOutTheBackOffAndKeepsItsCount() throws Exception {
        String topic = sagaTopic();
        String participant = unique("travel");
        long retryDelay = 3_000;
        RouteBuilder routes = new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:book").saga().completionMode(SagaCompletionMode.MANUAL).compensation("direct:cancel-train")
                        .process(e -> sagaIds.add(e.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION,
                                String.class)));
                // the railway's cancellation answers on the fourth attempt
                from("direct:cancel-train").process(attempts.record("cancel-train"))
                        .filter(header(RocketMQSagaService.ATTEMPT_HEADER).isLessThan(4))
                            .throwException(new IllegalStateException("railway busy")).end()
                        .process(successes.record("cancel-train"));
            }
        };
        RocketMQSagaService first = restartable(participant, topic, retryDelay);
        CamelContext before = sagaContext(first, routes);
        before.createProducerTemplate().sendBody("direct:book", "trip");
        before.createProducerTemplate()
                .sendBodyAndHeader("saga:compensate", null, Exchange.SAGA_LONG_RUNNING_ACTION, sagaIds.get(0));
        await().atMost(seconds(30)).until(() -> attempts.all().size() == 1);
        before.stop();
        long stoppedAt = System.currentTimeMillis();
        CamelContext after = sagaContext(restartable(participant, topic, retryDelay), routes);
        try {
            await().atMost(seconds(60)).until(() -> successes.all().size() == 1);
            int attempted = attempts.all().size();
            await().during(Duration.ofSeconds(1)).atMost(seconds(3)).until(() -> attempts.all().size() == attempted);
            List<Callbacks.Call> train = attempts.of("cancel-train");
            System.out.printf("Retries across a restart: attempts %s at +%s ms from the first (stopped at +%d ms)%n",
                    train.stream().map(Callbacks.Call::attempt).toList(),
                    train.stream().map(call -> call.at() - train.get(0).at()).toList(), stoppedAt - train.get(0).at());
            assertThat(train).extracting(Callbacks.Call::attempt).containsExactly(1, 2, 3, 4);
            for (int i = 1; i < train.size(); i++) {
                assertThat(train.get(i).at() - train.get(i - 1).at()).as("back-off before attempt %d", i + 1)
                        .isGreaterThanOrEqualTo(retryDelay - TIMER_PRECISION_MILLIS);
            }
        } finally {
            closeInBackground(after);
        }
    }

    /** A service whose back-off is {@code retryDelay} every time, 6 attempts. */
    private static RocketMQSagaService restartable(String participant, String topic, long retryDelay) {
        RocketMQSagaService saga = sagaService(participant, topic);
        saga.setMaxAttempts(6);
        saga.setRetryDelay(Duration.ofMillis(retryDelay));
        saga.setMaxRetryDelay(Duration.ofMillis(retryDelay));
        return saga;
    }

    /**
     * A compensation route that marks its exchange rollback-only (its own work undone, as a transacted route's
     * onException does) has not compensated: it counted as done and was never retried.
     */
    @Test
    void aCallbackMarkedRollbackOnlyIsRetried() throws Exception {
        String topic = sagaTopic();
        context.addService(sagaService(unique("travel"), topic));
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:book").saga().completionMode(SagaCompletionMode.MANUAL).compensation("direct:cancel-car")
                        .process(e -> sagaIds.add(e.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION, String.class)));
                from("direct:cancel-car").process(attempts.record("cancel-car"))
                        .filter(header(RocketMQSagaService.ATTEMPT_HEADER).isLessThan(2)).markRollbackOnly().end()
                        .process(successes.record("cancel-car"));
            }
        });
        template.sendBody("direct:book", "trip");

        template.sendBodyAndHeader("saga:compensate", null, Exchange.SAGA_LONG_RUNNING_ACTION, sagaIds.get(0));

        await().atMost(seconds(30)).until(() -> successes.of("cancel-car").size() == 1);
        assertThat(attempts.of("cancel-car")).extracting(Callbacks.Call::attempt).containsExactly(1, 2);
    }
}
