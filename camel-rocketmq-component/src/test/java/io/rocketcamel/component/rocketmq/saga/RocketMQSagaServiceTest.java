package io.rocketcamel.component.rocketmq.saga;

import java.time.Duration;
import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.builder.ExpressionBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.SagaPropagation;
import org.apache.camel.model.SagaDefinition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the service refuses before it connects to anything: the route or the context does not start, saying why. */
class RocketMQSagaServiceTest {

    private static void assertStartFails(RocketMQSagaService saga, Consumer<SagaDefinition> step, String reason) {
        CamelContext context = new DefaultCamelContext();
        try {
            context.addService(saga);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    SagaDefinition definition = from("direct:start").saga().compensation("direct:undo");
                    step.accept(definition);
                    definition.log("in saga");
                    from("direct:undo").log("undo");
                }
            });
            assertThatThrownBy(context::start).hasStackTraceContaining(reason);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            context.stop();
        }
    }

    private static RocketMQSagaService named(String participant) {
        RocketMQSagaService saga = new RocketMQSagaService();
        saga.setParticipant(participant);
        return saga;
    }

    @Test
    void aContextWithoutAFixedNameNeedsAParticipant() {
        assertStartFails(new RocketMQSagaService(), step -> { }, "RocketMQSagaService needs a participant");
    }

    @Test
    void aParticipantThatCannotNameAGroupIsRefused() {
        assertStartFails(named("order service"), step -> { },
                "participant 'order service' is not allowed: use 1 to 200 letters, digits, '-' or '_'");
    }

    /**
     * RocketMQ takes topic names of at most 127 characters (with the namespace): a longer saga topic passed and the
     * start then said the topic "does not exist". A send timeout past 24.8 days overflowed the client's int.
     */
    @Test
    void aTopicRocketMQRefusesOrASendTimeoutPastTheClientsIsRefusedNamingTheOption() {
        RocketMQSagaService longTopic = named("orders");
        longTopic.setTopic("s".repeat(150));
        assertStartFails(longTopic, step -> { }, "topic " + "s".repeat(150) + " is refused by RocketMQ");
        RocketMQSagaService namespaced = named("orders");
        namespaced.setNamespace("n".repeat(120));
        assertStartFails(namespaced, step -> { }, "topic rocketcamel-saga (" + "n".repeat(120)
                                                  + "%rocketcamel-saga with its namespace) is refused by RocketMQ");
        RocketMQSagaService slowSends = named("orders");
        slowSends.setSendTimeout(Duration.ofDays(30));
        assertStartFails(slowSends, step -> { }, "sendTimeout (PT720H) must be at most 2147483647 ms");
    }

    @Test
    void anOptionThatWouldReplaceTheSagaHeaderIsRefusedAtRouteStart() {
        assertStartFails(named("orders"), step -> step.option(Exchange.SAGA_LONG_RUNNING_ACTION, ExpressionBuilder.constantExpression("x")),
                "Saga option 'Long-Running-Action' would replace the header of that name on the callbacks");
    }

    @Test
    void aTimeoutBeyondTheBrokersTimerIsRefusedAtRouteStart() {
        RocketMQSagaService saga = named("orders");
        saga.setMaxTimeout(Duration.ofHours(1));
        assertStartFails(saga, step -> step.timeout(Duration.ofHours(2)),
                "Saga timeout PT2H is out of range: a timeout is a RocketMQ timer message, from 0 up to maxTimeout (PT1H)");
    }

    /** Routes register their steps before the service starts: a null maxTimeout failed them with an NPE. */
    @Test
    void aMissingMaxTimeoutIsRefusedNamingIt() {
        RocketMQSagaService saga = named("orders");
        saga.setMaxTimeout(null);
        assertStartFails(saga, step -> step.timeout(Duration.ofMinutes(1)), "maxTimeout must be a positive duration, was null");
    }

    @Test
    void camelsOwnRulesStillApply() {
        assertStartFails(named("orders"), step -> step.propagation(SagaPropagation.NOT_SUPPORTED),
                "Saga configuration is not allowed when propagation is set to NOT_SUPPORTED");
    }

    @Test
    void badRetrySettingsAreRefused() {
        RocketMQSagaService attempts = named("orders");
        attempts.setMaxAttempts(0);
        assertStartFails(attempts, step -> { }, "maxAttempts must be at least 1, was 0");
        RocketMQSagaService delays = named("orders");
        delays.setMaxRetryDelay(Duration.ofMillis(10));
        assertStartFails(delays, step -> { }, "maxRetryDelay (PT0.01S) must not be below retryDelay (PT1S)");
        RocketMQSagaService pastTheTimer = named("orders");
        pastTheTimer.setMaxTimeout(Duration.ofHours(1));
        pastTheTimer.setMaxRetryDelay(Duration.ofHours(2));
        assertStartFails(pastTheTimer, step -> { }, "maxRetryDelay (PT2H) must not be above maxTimeout (PT1H)");
        RocketMQSagaService topics = named("orders");
        topics.setDeadLetterTopic(topics.getTopic());
        assertStartFails(topics, step -> { }, "deadLetterTopic must differ from topic");
    }

    /** Resolved one by one, an access key of the service's met the component's secret key: a wrong signature. */
    @Test
    void anAccessKeyWithoutItsSecretKeyIsRefused() {
        RocketMQSagaService access = named("orders");
        access.setAccessKey("saga-user");
        assertStartFails(access, step -> { }, "accessKey and secretKey must be set together (ACL), only accessKey is set");
        RocketMQSagaService secret = named("orders");
        secret.setSecretKey("saga-secret");
        assertStartFails(secret, step -> { }, "only secretKey is set");
    }

    @Test
    void aSagaIdWithSpacesIsRefused() {
        assertThat(named("orders").getSaga("not an id")).isCompletedExceptionally();
        assertThat(named("orders").getSaga("2c1f6b4e-2f7d-4b61-9d0e-0f5d3c0b7a11")).isCompleted();
    }
}
