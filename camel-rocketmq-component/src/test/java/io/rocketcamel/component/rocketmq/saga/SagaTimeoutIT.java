package io.rocketcamel.component.rocketmq.saga;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rocketcamel.component.rocketmq.SagaITSupport;
import io.rocketcamel.component.rocketmq.saga.SagaEvent.Type;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.SagaCompletionMode;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A saga nobody completes is compensated when its timeout elapses: the timeout is a RocketMQ timer message, so it
 * fires although the service that started the saga stopped in the meantime, and its successor compensates.
 */
class SagaTimeoutIT extends SagaITSupport {

    private static final long TIMEOUT_MILLIS = 8000;
    /** The test broker's timer precision (timerPrecisionMs): a timer message may arrive this much early. */
    private static final long TIMER_PRECISION_MILLIS = 100;

    private final Callbacks callbacks = new Callbacks();
    private final List<String> sagaIds = new CopyOnWriteArrayList<>();

    private RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:reserve").saga().completionMode(SagaCompletionMode.MANUAL)
                        .timeout(Duration.ofMillis(TIMEOUT_MILLIS))
                        .compensation("direct:release").completion("direct:confirm").option("seat", header("seat"))
                        .process(e -> sagaIds.add(e.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION, String.class)));
                from("direct:release").process(callbacks.record("release"));
                from("direct:confirm").process(callbacks.record("confirm"));
            }
        };
    }

    @Test
    void aSagaNotCompletedInTimeIsCompensatedByATimerMessageAfterItsServiceRestarted() throws Exception {
        String topic = sagaTopic();
        // the restarted service is the same participant: its group reads the saga topic on from where it stopped
        String participant = unique("seats");
        context.addService(sagaService(participant, topic));
        start(routes());
        long joined = System.currentTimeMillis();
        template.sendBodyAndHeader("direct:reserve", null, "seat", "12A");
        String sagaId = sagaIds.get(0);

        context.stop();
        long stopped = System.currentTimeMillis();
        assertThat(timeouts(topic, sagaId)).as("the timer has not fired while the first service ran").isEmpty();
        assertThat(callbacks.all()).isEmpty();
        CamelContext restarted = sagaContext(sagaService(participant, topic), routes());
        try {
            await().atMost(seconds(30)).until(() -> callbacks.all().size() == 1);
            await().during(Duration.ofSeconds(1)).atMost(seconds(3)).until(() -> callbacks.all().size() == 1);

            Callbacks.Call release = callbacks.of("release").get(0);
            assertThat(release.sagaId()).isEqualTo(sagaId);
            assertThat(release.headers()).containsEntry("seat", "12A");
            assertThat(release.at() - joined).isGreaterThanOrEqualTo(TIMEOUT_MILLIS - TIMER_PRECISION_MILLIS);
            List<MessageExt> timeouts = timeouts(topic, sagaId);
            assertThat(timeouts).hasSize(1);
            assertThat(timeouts.get(0).getStoreTimestamp()).isGreaterThan(stopped)
                    .isGreaterThanOrEqualTo(joined + TIMEOUT_MILLIS - TIMER_PRECISION_MILLIS);
            assertThat(SagaEvent.fromBytes(timeouts.get(0).getBody()).reason()).contains("timeout of " + TIMEOUT_MILLIS + " ms");
        } finally {
            closeInBackground(restarted);
        }
    }

    private List<MessageExt> timeouts(String topic, String sagaId) {
        return broker.messages(topic, SagaLog.queueIndex(sagaId, SAGA_QUEUES)).stream()
                .filter(message -> message.getTags().equals(Type.TIMEOUT.name()) && message.getKeys().equals(sagaId))
                .toList();
    }
}
