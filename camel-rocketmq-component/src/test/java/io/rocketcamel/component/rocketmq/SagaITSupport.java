package io.rocketcamel.component.rocketmq;

import java.time.Duration;

import io.rocketcamel.component.rocketmq.saga.RocketMQSagaService;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;

/**
 * The broker and contexts of {@link RocketMQITSupport} for the saga service's ITs, which live in the saga package:
 * saga topics of their own per test, and services that retry within a test's time.
 */
public abstract class SagaITSupport extends RocketMQITSupport {

    protected static final int SAGA_QUEUES = 4;

    /** A saga topic with {@link #SAGA_QUEUES} queues and its dead-letter topic, {@code (topic)-dlq}. */
    protected String sagaTopic() {
        String topic = topic("saga", SAGA_QUEUES);
        broker.createTopic(topic + "-dlq", 1);
        return topic;
    }

    /** A service of the participant on the topic: 3 attempts, 200 ms then 400 ms apart. */
    protected static RocketMQSagaService sagaService(String participant, String topic) {
        RocketMQSagaService saga = new RocketMQSagaService();
        saga.setParticipant(participant);
        saga.setTopic(topic);
        saga.setDeadLetterTopic(topic + "-dlq");
        saga.setMaxAttempts(3);
        saga.setRetryDelay(Duration.ofMillis(200));
        saga.setMaxRetryDelay(Duration.ofSeconds(1));
        // a first write also looks the route up; a busy 2-core CI machine has taken 4 s for that
        saga.setSendTimeout(Duration.ofSeconds(10));
        return saga;
    }

    /** A started context on the broker with the saga service and the routes; closed in the background afterwards. */
    protected CamelContext sagaContext(RocketMQSagaService saga, RoutesBuilder routes) throws Exception {
        CamelContext created = newContext();
        created.addService(saga);
        created.addRoutes(routes);
        created.start();
        return created;
    }
}
