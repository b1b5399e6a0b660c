package io.rocketcamel.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.rocketcamel.broker.junit.EmbeddedRocketMQ;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

/**
 * With one test instance per class JUnit creates the instance before any beforeAll callback: constructor injection
 * failed, saying the broker was not running yet.
 */
@TestInstance(Lifecycle.PER_CLASS)
@EmbeddedRocketMQ(shared = false, topics = "per-class", queues = 2)
class PerClassInstanceIT {

    private final EmbeddedRocketMQBroker broker;

    PerClassInstanceIT(EmbeddedRocketMQBroker broker) {
        this.broker = broker;
    }

    @Test
    void theConstructorGetsTheClassesBrokerWithItsTopics(EmbeddedRocketMQBroker injected) {
        assertThat(injected).isSameAs(broker);
        assertThat(broker.send("per-class", "x")).isNotBlank();
        assertThat(System.getProperty(EmbeddedRocketMQBroker.NAMESRV_ADDR_PROPERTY)).isEqualTo(broker.getNamesrvAddr());
    }
}
