package io.rocketcamel.component.rocketmq.saga;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rocketcamel.component.rocketmq.SagaITSupport;
import io.rocketcamel.component.rocketmq.saga.SagaEvent.Type;
import io.rocketcamel.testsupport.ClosedPorts;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.SagaCompletionMode;
import org.apache.camel.model.SagaPropagation;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Sagas within one CamelContext: completion, the propagation modes, the log on the broker, a missing topic. */
class SagaIT extends SagaITSupport {

    private final Callbacks callbacks = new Callbacks();
    private final List<String> sagaIds = new CopyOnWriteArrayList<>();

    /** The events of a saga as the broker stored them, each with its queue. */
    private List<String> storedEvents(String topic, String sagaId) {
        List<String> events = new ArrayList<>();
        for (int queue = 0; queue < SAGA_QUEUES; queue++) {
            for (MessageExt message : broker.messages(topic, queue)) {
                SagaEvent event = SagaEvent.fromBytes(message.getBody());
                if (event.sagaId().equals(sagaId)) {
                    assertThat(message.getKeys()).isEqualTo(sagaId);
                    assertThat(message.getTags()).isEqualTo(event.type().name());
                    events.add(queue + ":" + event.type());
                }
            }
        }
        return events;
    }

    @Test
    void aSagaCompletesItsStepsTheLastJoinedFirstEachOnceWithItsOptions() throws Exception {
        String topic = sagaTopic();
        context.addService(sagaService(unique("shop"), topic));
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:order").saga().timeout(Duration.ofMinutes(5))
                        .compensation("direct:cancel-order").completion("direct:order-done")
                        .option("orderId", header("orderId"))
                        .process(e -> sagaIds.add(e.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION, String.class)))
                        .to("direct:reserve");
                from("direct:reserve").saga().propagation(SagaPropagation.MANDATORY)
                        .compensation("direct:release").completion("direct:confirm")
                        .option("sku", constant("A-1"))
                        .log("reserved ${header.orderId}");
                from("direct:cancel-order").process(callbacks.record("cancel-order"));
                from("direct:order-done").process(callbacks.record("order-done"));
                from("direct:release").process(callbacks.record("release"));
                from("direct:confirm").process(callbacks.record("confirm"));
            }
        });

        Exchange placed = template.send("direct:order", e -> e.getMessage().setHeader("orderId", "o-1"));

        assertThat(placed.getException()).isNull();
        String sagaId = sagaIds.get(0);
        await().atMost(seconds(20)).until(() -> callbacks.all().size() == 2);
        await().during(Duration.ofSeconds(1)).atMost(seconds(3)).until(() -> callbacks.all().size() == 2);
        assertThat(callbacks.names(sagaId)).containsExactly("confirm", "order-done");
        Callbacks.Call confirm = callbacks.of("confirm").get(0);
        Callbacks.Call done = callbacks.of("order-done").get(0);
        assertThat(confirm.headers()).containsEntry("sku", "A-1").doesNotContainKey("orderId")
                .containsEntry(RocketMQSagaService.ATTEMPT_HEADER, 1);
        assertThat(done.headers()).containsEntry("orderId", "o-1").containsEntry(Exchange.SAGA_LONG_RUNNING_ACTION, sagaId);
        assertThat(done.headers().get(RocketMQSagaService.STEP_ID_HEADER))
                .isNotNull().isNotEqualTo(confirm.headers().get(RocketMQSagaService.STEP_ID_HEADER));

        int queue = SagaLog.queueIndex(sagaId, SAGA_QUEUES);
        assertThat(storedEvents(topic, sagaId)).containsExactly(queue + ":" + Type.CREATED, queue + ":" + Type.JOINED,
                queue + ":" + Type.JOINED, queue + ":" + Type.COMPLETE, queue + ":" + Type.SUCCEEDED,
                queue + ":" + Type.SUCCEEDED);
    }

    @Test
    void everyPropagationModeBehavesAsCamelDefinesIt() throws Exception {
        String topic = sagaTopic();
        context.addService(sagaService(unique("modes"), topic));
        List<String> seen = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:outer").saga().completionMode(SagaCompletionMode.MANUAL).compensation("direct:undo-outer")
                        .process(e -> seen.add("outer " + e.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION)))
                        .to("direct:new").to("direct:without")
                        .process(e -> seen.add("back " + e.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION)));
                from("direct:new").saga().propagation(SagaPropagation.REQUIRES_NEW).completion("direct:inner-done")
                        .process(e -> seen.add("new " + e.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION)));
                from("direct:without").saga().propagation(SagaPropagation.NOT_SUPPORTED)
                        .process(e -> seen.add("without " + e.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION)));
                from("direct:never").saga().propagation(SagaPropagation.NEVER).log("never");
                from("direct:mandatory").saga().propagation(SagaPropagation.MANDATORY).log("mandatory");
                from("direct:supports").saga().propagation(SagaPropagation.SUPPORTS).compensation("direct:undo-outer")
                        .process(e -> seen.add("supports " + e.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION)));
                from("direct:undo-outer").process(callbacks.record("undo-outer"));
                from("direct:inner-done").process(callbacks.record("inner-done"));
            }
        });

        template.sendBody("direct:outer", "x");
        String outer = seen.get(0).substring("outer ".length());
        String inner = seen.get(1).substring("new ".length());
        assertThat(seen).containsExactly("outer " + outer, "new " + inner, "without null", "back " + outer);
        assertThat(inner).isNotEqualTo(outer);
        // the new saga completed on its own; the outer one (MANUAL) waits for saga:complete or saga:compensate
        await().atMost(seconds(20)).until(() -> callbacks.names(inner).equals(List.of("inner-done")));

        Exchange never = template.send("direct:never",
                e -> e.getMessage().setHeader(Exchange.SAGA_LONG_RUNNING_ACTION, outer));
        assertThat(never.getException()).hasMessageContaining("Route cannot handle exchanges that are joining a saga");
        assertThat(template.send("direct:mandatory", e -> e.getMessage().setBody("x")).getException())
                .hasMessageContaining("Exchange is not part of a saga");
        template.sendBody("direct:supports", "x");
        assertThat(seen).contains("supports null");

        template.send("saga:compensate", e -> e.getMessage().setHeader(Exchange.SAGA_LONG_RUNNING_ACTION, outer));
        await().atMost(seconds(20)).until(() -> callbacks.names(outer).equals(List.of("undo-outer")));
        assertThat(callbacks.of("undo-outer")).hasSize(1);
    }

    @Test
    void aMissingSagaTopicStopsTheStartNamingIt() {
        CamelContext missing = newContext();
        RocketMQSagaService saga = sagaService("nowhere", unique("no-such-saga-topic"));
        try {
            assertThatThrownBy(() -> {
                missing.addService(saga);
                missing.start();
            }).hasStackTraceContaining("The saga topic '" + saga.getTopic() + "' does not exist on "
                                       + broker.getNamesrvAddr());
        } finally {
            closeInBackground(missing);
        }
    }

    /**
     * An unreachable name server, or an address that is none, was reported as a saga topic that does not exist, and the
     * operator sent to create a topic that was there (found by an outside audit; failed first here).
     */
    @Test
    void aNameServerThatIsNoneOrDoesNotAnswerStopsTheStartNamingTheAddress() throws Exception {
        String topic = sagaTopic();
        for (String address : List.of("not-an-address", "127.0.0.1:" + ClosedPorts.next())) {
            CamelContext lost = newContext();
            RocketMQSagaService saga = sagaService("lost", topic);
            saga.setNamesrvAddr(address);
            try {
                assertThatThrownBy(() -> {
                    lost.addService(saga);
                    lost.start();
                }).hasStackTraceContaining("namesrvAddr=" + address).satisfies(e -> assertThat(e)
                        .hasStackTraceContaining(address.startsWith("not") ? "host:port" : "connect"));
            } finally {
                closeInBackground(lost);
            }
        }
    }

    /**
     * A maxTimeout above the brokers' timerMaxDelaySec (3 days here) started, and every saga with a timeout beyond the
     * brokers' limit then failed as its TIMEOUT was refused (CODE 13), exchange by exchange (found by an outside audit;
     * failed first here).
     */
    @Test
    void aMaxTimeoutAboveTheBrokersTimerLimitStopsTheStartNamingBoth() {
        CamelContext tooLong = newContext();
        RocketMQSagaService saga = sagaService("patient", sagaTopic());
        saga.setMaxTimeout(Duration.ofDays(10));
        try {
            assertThatThrownBy(() -> {
                tooLong.addService(saga);
                tooLong.start();
            }).hasStackTraceContaining("maxTimeout (PT240H)").hasStackTraceContaining("timerMaxDelaySec=259200");
        } finally {
            closeInBackground(tooLong);
        }
    }


    /**
     * A saga's events go to any of the topic's writable queues; a broker writing more queues than it reads took events
     * no participant ever folded (their sagas never decided). The start refuses such a topic, saying how to mend it.
     */
    @Test
    void aSagaTopicWithUnreadWritableQueuesStopsTheStartNamingThem() {
        String topic = unique("half-read-saga-topic");
        broker.createTopic(topic, 2);
        brokerController().getTopicConfigManager().updateTopicConfig(new TopicConfig(topic, 2, 4));
        brokerController().registerBrokerAll(true, false, true);
        broker.createTopic(topic + "-dlq", 1);
        CamelContext halfRead = newContext();
        RocketMQSagaService saga = sagaService(unique("half-read"), topic);
        try {
            assertThatThrownBy(() -> {
                halfRead.addService(saga);
                halfRead.start();
            }).hasStackTraceContaining("The saga topic '" + topic + "' has 4 writable but 2 readable queues on broker-a")
                    .hasStackTraceContaining("-r 4 -w 4");
        } finally {
            closeInBackground(halfRead);
        }
    }

    /** In a namespace the brokers know the topic by its prefixed name: the message says which to create. */
    @Test
    void aMissingSagaTopicInANamespaceIsNamedAsTheBrokersKnowIt() {
        CamelContext missing = newContext();
        RocketMQSagaService saga = sagaService("nowhere", unique("no-such-saga-topic"));
        saga.setNamespace("dev");
        try {
            assertThatThrownBy(() -> {
                missing.addService(saga);
                missing.start();
            }).hasStackTraceContaining("The saga topic '" + saga.getTopic() + "' (on the brokers 'dev%" + saga.getTopic()
                                       + "') does not exist on " + broker.getNamesrvAddr())
                    .hasStackTraceContaining("-t dev%" + saga.getTopic() + " ");
        } finally {
            closeInBackground(missing);
        }
    }
}
