package io.rocketcamel.component.rocketmq;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.component.rocketmq.idempotent.RocketMQIdempotentRepository;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A repository starts by reading its topic through calls to the name server and the broker. One of those calls failing
 * once (a broker not registered yet, a connection closed under a call: seen in CI as "Invoke Broker ... exception"
 * from seekToBegin) must not fail the route's start while decisionTimeout has not passed.
 */
class IdempotentRepositoryStartIT {

    @Test
    void startWaitsForABrokerThatArrivesWithinTheDecisionTimeout() throws Exception {
        try (EmbeddedRocketMQBroker names = EmbeddedRocketMQBroker.builder().nameServerOnly().start()) {
            RocketMQIdempotentRepository keys = repository(names, Duration.ofSeconds(40));
            CompletableFuture<Void> started = CompletableFuture.runAsync(keys::start);
            try {
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> !started.isDone());
                try (EmbeddedRocketMQBroker broker = EmbeddedRocketMQBroker.builder()
                        .externalNameServer(names.getNamesrvAddr()).start()) {
                    long brokerUp = System.nanoTime();
                    started.get(40, TimeUnit.SECONDS);
                    assertThat(Duration.ofNanos(System.nanoTime() - brokerUp)).as("start after the broker came")
                            .isLessThan(Duration.ofSeconds(35));
                    assertThat(keys.add("order-1")).isTrue();
                    keys.confirm("order-1");
                    assertThat(keys.add("order-1")).isFalse();
                    assertThat(keys.contains("order-1")).isTrue();
                }
            } finally {
                keys.stop();
            }
        }
    }

    @Test
    void startWithoutABrokerFailsAfterTheDecisionTimeoutNamingTheTopic() throws Exception {
        try (EmbeddedRocketMQBroker names = EmbeddedRocketMQBroker.builder().nameServerOnly().start()) {
            RocketMQIdempotentRepository keys = repository(names, Duration.ofSeconds(2));
            long begin = System.nanoTime();
            try {
                assertThatThrownBy(keys::start).hasMessageContaining("Idempotent repository topic " + keys.getTopic())
                        .hasMessageContaining("decisionTimeout=PT2S");
                assertThat(Duration.ofNanos(System.nanoTime() - begin)).isBetween(Duration.ofSeconds(2),
                        Duration.ofSeconds(15));
            } finally {
                keys.stop();
            }
        }
    }

    private static RocketMQIdempotentRepository repository(EmbeddedRocketMQBroker names, Duration decisionTimeout) {
        RocketMQConfiguration settings = new RocketMQConfiguration();
        settings.setNamesrvAddr(names.getNamesrvAddr());
        RocketMQIdempotentRepository keys = new RocketMQIdempotentRepository("idem-late-" + UUID.randomUUID());
        keys.setConfiguration(settings);
        keys.setDecisionTimeout(decisionTimeout);
        return keys;
    }
}
