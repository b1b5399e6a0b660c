package io.rocketcamel.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.rocketcamel.broker.junit.EmbeddedRocketMQ;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A nested class with an {@link EmbeddedRocketMQ} of its own gets its own broker, and the enclosing class keeps its
 * own: the extension kept one broker per extension instance, which JUnit reuses for nested classes, so the enclosing
 * class's methods that ran after a nested class got the nested class's broker, closed with it.
 */
@EmbeddedRocketMQ(shared = false, topics = "outer-topic", queues = 1)
class NestedBrokersIT {

    private static String outerNamesrv;

    @BeforeAll
    static void recordTheOuterBroker(EmbeddedRocketMQBroker broker) {
        outerNamesrv = broker.getNamesrvAddr();
    }

    @AfterAll
    static void theOuterBrokerIsStillTheOneInjectedAfterTheNestedClasses(EmbeddedRocketMQBroker broker) {
        assertThat(broker.getNamesrvAddr()).isEqualTo(outerNamesrv);
        assertThat(broker.messageCount("outer-topic")).isZero();
    }

    @Test
    void theOuterClassGetsItsBroker(EmbeddedRocketMQBroker broker) {
        assertThat(broker.getNamesrvAddr()).isEqualTo(outerNamesrv);
    }

    @Nested
    @EmbeddedRocketMQ(shared = false, brokers = 2, topics = "inner-topic", queues = 1)
    class WithABrokerOfItsOwn {

        @Test
        void itsOwnBrokerIsInjected(EmbeddedRocketMQBroker broker) {
            assertThat(broker.getNamesrvAddr()).isNotEqualTo(outerNamesrv);
            assertThat(broker.getBrokerNames()).containsExactly("broker-a", "broker-b");
            assertThat(broker.messageCount("inner-topic")).isZero();
        }
    }

    @Nested
    class WithoutAnAnnotation {

        @Test
        void theEnclosingClassesBrokerIsInjected(EmbeddedRocketMQBroker broker) {
            assertThat(broker.getNamesrvAddr()).isEqualTo(outerNamesrv);
        }
    }
}
