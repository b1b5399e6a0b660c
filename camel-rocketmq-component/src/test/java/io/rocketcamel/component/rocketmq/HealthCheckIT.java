package io.rocketcamel.component.rocketmq;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.testsupport.ClosedPorts;
import io.rocketcamel.testsupport.TestClients;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.support.DefaultMessage;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The component's own readiness checks as Camel's health-check registry reports them, with camel-health on the class
 * path and no Spring: the consumer check of each route (reported as "consumer:routeId") and one check per producer,
 * read from state the client already has.
 */
@Execution(ExecutionMode.CONCURRENT) // each case waits for client timeouts, on its own topics or broker
class HealthCheckIT extends RocketMQITSupport {

    @BeforeEach
    void enableProducerChecks() {
        // Camel reports producer checks only when asked to (camel.health.producersEnabled=true)
        HealthCheckHelper.getHealthCheckRepository(context, "producers", HealthCheckRepository.class).setEnabled(true);
    }

    private static Map<String, HealthCheck.Result> checks(CamelContext context) {
        // "full": by default Camel returns only the first check when all are up
        Collection<HealthCheck.Result> results = HealthCheckHelper.invoke(context, "full");
        return results.stream().collect(Collectors.toMap(r -> r.getCheck().getId(), r -> r));
    }

    private static List<HealthCheck.Result> producers(CamelContext context, String topic) {
        return checks(context).values().stream()
                .filter(r -> r.getCheck().getId().startsWith("producer:rocketmq-" + topic + "-")).toList();
    }

    /**
     * A producer's check is known by its id to whatever reads the health report (a dashboard, an alert rule): a route
     * removed and added again, or stopped and started, reports the same ids, and a removed route's checks are gone.
     */
    @Test
    void aRouteAddedAgainReportsItsProducersUnderTheSameIds() throws Exception {
        String topic = topic("health-readded", 1);
        RouteBuilder routes = new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:readded-a").routeId("readded-a").to("rocketmq:" + topic);
                from("direct:readded-b").routeId("readded-b").to("rocketmq:" + topic + "?sendMode=ASYNC");
            }
        };
        start(routes);
        Set<String> ids = producerIds(topic);
        assertThat(ids).hasSize(2);

        context.getRouteController().stopRoute("readded-a");
        context.getRouteController().stopRoute("readded-b");
        assertThat(producerIds(topic)).as("checks of stopped routes").isEmpty();
        context.getRouteController().startRoute("readded-a");
        context.getRouteController().startRoute("readded-b");
        assertThat(producerIds(topic)).as("after a stop and a start").isEqualTo(ids);

        context.getRouteController().stopRoute("readded-a");
        context.getRouteController().stopRoute("readded-b");
        context.removeRoute("readded-a");
        context.removeRoute("readded-b");
        context.addRoutes(routes);
        assertThat(producerIds(topic)).as("after the routes were removed and added again").isEqualTo(ids);
    }

    private Set<String> producerIds(String topic) {
        return producers(context, topic).stream().map(r -> r.getCheck().getId()).collect(Collectors.toSet());
    }

    @Test
    void aConsumerRouteAndEachProducerReportUpWithWhatTheyConsumeAndSend() throws Exception {
        String topic = topic("healthy", 2);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=billing-health").routeId("billing").to("log:billing?level=OFF");
                from("direct:a").to("rocketmq:" + topic);
                from("direct:b").to("rocketmq:" + topic + "?sendMode=ASYNC");
            }
        });
        template.sendBody("direct:a", "one");
        template.sendBody("direct:b", "two");

        await().atMost(seconds(20)).untilAsserted(() -> {
            Map<String, HealthCheck.Result> checks = checks(context);
            assertThat(checks).containsKey("consumer:billing");
            HealthCheck.Result consumer = checks.get("consumer:billing");
            assertThat(consumer.getState()).isEqualTo(HealthCheck.State.UP);
            assertThat(consumer.getDetails()).containsEntry("topic", topic).containsEntry("group", "billing-health")
                    .containsEntry("queues", 2);
            assertThat(producers(context, topic)).as("two producers of one topic, two checks").hasSize(2)
                    .allSatisfy(r -> assertThat(r.getState()).isEqualTo(HealthCheck.State.UP));
        });
    }

    @Test
    void aConsumerOfATopicNoBrokerServesIsDownAndSaysSo() throws Exception {
        String topic = unique("no-such-topic");
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g")).routeId("orphan").to("log:orphan?level=OFF");
            }
        });

        await().atMost(seconds(30)).untilAsserted(() -> {
            Map<String, HealthCheck.Result> checks = checks(context);
            assertThat(checks).containsKey("consumer:orphan");
            HealthCheck.Result consumer = checks.get("consumer:orphan");
            assertThat(consumer.getState()).as("%s %s", consumer.getMessage(), consumer.getDetails())
                    .isEqualTo(HealthCheck.State.DOWN);
            assertThat(consumer.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("no route for topic " + topic));
        });
    }

    @Test
    void aProducerWhoseSendsFailIsDownWithTheFailure() throws Exception {
        String nowhere = "127.0.0.1:" + ClosedPorts.next();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:lost").to("rocketmq:orders?sendTimeout=500&namesrvAddr=" + nowhere);
            }
        });
        assertThat(template.send("direct:lost", e -> e.getMessage().setBody("order")).getException()).isNotNull();

        assertThat(producers(context, "orders")).singleElement().satisfies(r -> {
            assertThat(r.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(r.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("send(s) to orders failed"));
        });
    }

    @Test
    void aProducerStaysUpWhenTheBrokerStoredTheMessageAndTheApplicationFailedTheExchange() throws Exception {
        String requests = topic("health-requests", 1);
        String orders = topic("health-orders", 1);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                // nobody answers: the request times out although its message was stored
                from("direct:ask").to("rocketmq:" + requests + "?requestTimeout=1000");
                from("direct:order").to("rocketmq:" + orders + "?transactional=true&producerGroup=" + unique("health-tx")
                                        + "&localTransaction=direct:refuse");
                from("direct:refuse").throwException(new IllegalStateException("out of stock"));
            }
        });

        assertThat(template.request("direct:ask", e -> e.getMessage().setBody("price?")).getException())
                .isInstanceOf(org.apache.camel.ExchangeTimedOutException.class);
        assertThat(template.send("direct:order", e -> e.getMessage().setBody("order")).getException())
                .hasMessageContaining("out of stock");

        assertThat(producers(context, requests)).singleElement().satisfies(r -> assertThat(r.getState())
                .as("%s", r.getMessage()).isEqualTo(HealthCheck.State.UP));
        assertThat(producers(context, orders)).singleElement().satisfies(r -> assertThat(r.getState())
                .as("%s", r.getMessage()).isEqualTo(HealthCheck.State.UP));
    }

    @Test
    void aProducerIsUpAgainWithoutASendOnceTheBrokerStoresAgain() throws Exception {
        // readiness gates the traffic: once DOWN, no exchange comes to send, so the check must recover on its own
        String topic = topic("health-recovers", 1);
        AtomicBoolean refuse = new AtomicBoolean(true);
        refuseStoring(m -> refuse.get() && m.getTopic().equals(topic));
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:refused").to("rocketmq:" + topic + "?retryTimesWhenSendFailed=0");
            }
        });
        assertThat(template.send("direct:refused", e -> e.getMessage().setBody("order")).getException()).isNotNull();
        assertThat(producers(context, topic)).singleElement().satisfies(r -> {
            assertThat(r.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(r.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("send(s) to " + topic + " failed"));
        });

        refuse.set(false);
        // DOWN for max(10 s, 3 x heartbeatBrokerInterval of 2 s) after the last failure, then UP: no send in between
        await().atMost(seconds(60)).untilAsserted(() -> assertThat(producers(context, topic)).singleElement()
                .satisfies(r -> assertThat(r.getState()).as("%s", r.getMessage()).isEqualTo(HealthCheck.State.UP)));
        assertThat(broker.messageCount(topic)).as("messages stored: nothing was sent to recover").isZero();
    }

    @ParameterizedTest(name = "endpoint options [{0}]")
    @ValueSource(strings = {"", "&transactional=true"})
    void anIdleProducerWhoseNameServerIsUnreachableStartsAndIsDown(String options) throws Exception {
        String nowhere = "127.0.0.1:" + ClosedPorts.next();
        // an application may start before its cluster answers: its routes start and its health says why it is not ready
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:idle").to("rocketmq:orders?producerGroup=health-unreachable&namesrvAddr=" + nowhere + options);
                // a second endpoint of the same producer group, which joins the first one's transactional client
                from("direct:idle-too").to("rocketmq:payments?producerGroup=health-unreachable&namesrvAddr=" + nowhere
                        + options);
            }
        });

        // no send: only what the client does on its own tells that no name server answers
        await().atMost(seconds(60)).untilAsserted(() -> assertThat(producers(context, "orders")).singleElement()
                .satisfies(r -> {
                    assertThat(r.getState()).as("%s", r.getMessage()).isEqualTo(HealthCheck.State.DOWN);
                    assertThat(r.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("No name server of namesrvAddr="
                                                                                            + nowhere));
                }));
    }

    @Test
    void anIdleProducerOfATopicTheBrokerCreatesOnItsFirstSendStaysUp() throws Exception {
        String topic = unique("health-not-created-yet");
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:idle").to("rocketmq:" + topic);
            }
        });

        // longer than the checks' 10 s of silence: a producer that waits for its first exchange is ready for it
        await().during(seconds(15)).atMost(seconds(60)).untilAsserted(() -> assertThat(producers(context, topic))
                .singleElement().satisfies(r -> assertThat(r.getState()).as("%s", r.getMessage())
                        .isEqualTo(HealthCheck.State.UP)));
    }

    @Test
    void anIdleProducerWhoseBrokerStopsIsDown() throws Exception {
        try (EmbeddedRocketMQBroker own = EmbeddedRocketMQBroker.builder().start()) {
            String topic = unique("health-idle");
            own.createTopic(topic, 1);
            CamelContext ownContext = startedWithProducerChecks(own, new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:idle").to("rocketmq:" + topic);
                }
            });
            try {
                // no send: the client looks the endpoint's topic up and heartbeats to its broker on its own
                await().atMost(seconds(60)).untilAsserted(() -> assertThat(producers(ownContext, topic)).singleElement()
                        .satisfies(r -> assertThat(r.getDetails()).containsEntry("brokers", 1L)));
                own.stopBroker(own.getBrokerNames().get(0));

                await().atMost(seconds(60)).untilAsserted(() -> assertThat(producers(ownContext, topic)).singleElement()
                        .satisfies(r -> {
                            assertThat(r.getState()).as("%s", r.getMessage()).isEqualTo(HealthCheck.State.DOWN);
                            assertThat(r.getMessage()).hasValueSatisfying(m -> assertThat(m)
                                    .contains("No broker has answered the heartbeats"));
                        }));
            } finally {
                ownContext.stop();
            }
        }
    }

    @Test
    void aProducerWhoseBrokerStoppedStaysDownAfterItsFailedSendStopsCounting() throws Exception {
        try (EmbeddedRocketMQBroker own = EmbeddedRocketMQBroker.builder().start()) {
            String topic = unique("health-gone");
            own.createTopic(topic, 1);
            CamelContext ownContext = startedWithProducerChecks(own, new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:gone").to("rocketmq:" + topic + "?retryTimesWhenSendFailed=0");
                }
            });
            try {
                ownContext.createProducerTemplate().sendBody("direct:gone", "stored");
                own.stopBroker(own.getBrokerNames().get(0));
                assertThat(ownContext.createProducerTemplate().send("direct:gone", e -> e.getMessage().setBody("lost"))
                        .getException()).isNotNull();

                // the failure counts for 10 s; by then the broker has been silent for as long: no UP in between
                await().during(seconds(20)).atMost(seconds(60)).untilAsserted(() -> assertThat(producers(ownContext, topic))
                        .singleElement().satisfies(r -> assertThat(r.getState()).as("%s", r.getMessage())
                                .isEqualTo(HealthCheck.State.DOWN)));
            } finally {
                ownContext.stop();
            }
        }
    }

    /** The topic named by the exchange's header, or by the header of a message of its list body. */
    @ParameterizedTest
    @ValueSource(booleans = { false, true })
    void aSendToAHeaderTopicNoBrokerServesLeavesTheProducerUp(boolean namedInAList) throws Exception {
        // the embedded broker of the other tests creates topics on first send: this one, as production clusters, does not
        try (EmbeddedRocketMQBroker strict = EmbeddedRocketMQBroker.builder()
                .brokerProperty("autoCreateTopicEnable", "false").start()) {
            String topic = unique("health-own");
            strict.createTopic(topic, 1);
            CamelContext strictContext = startedWithProducerChecks(strict, new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:anywhere").to("rocketmq:" + topic);
                }
            });
            try {
                Exchange lost = strictContext.createProducerTemplate().send("direct:anywhere", e -> {
                    Message named = namedInAList ? new DefaultMessage(strictContext) : e.getMessage();
                    named.setBody("order");
                    named.setHeader(RocketMQConstants.OVERRIDE_TOPIC, unique("no-such-topic"));
                    if (namedInAList) {
                        e.getMessage().setBody(List.of(named));
                    }
                });
                assertThat(lost.getException()).hasStackTraceContaining("No route info");

                assertThat(producers(strictContext, topic)).singleElement().satisfies(r -> assertThat(r.getState())
                        .as("%s", r.getMessage()).isEqualTo(HealthCheck.State.UP));
                strictContext.createProducerTemplate().sendBody("direct:anywhere", "to its own topic");
                assertThat(strict.awaitMessages(topic, 1, seconds(30))).hasSize(1);
            } finally {
                strictContext.stop();
            }
        }
    }

    @Test
    void anIdleProducerOfATopicThatDoesNotExistWhereNoBrokerCreatesTopicsIsDownUntilItIsCreated() throws Exception {
        try (EmbeddedRocketMQBroker strict = EmbeddedRocketMQBroker.builder()
                .brokerProperty("autoCreateTopicEnable", "false").start()) {
            String missing = unique("health-missing");
            CamelContext strictContext = startedWithProducerChecks(strict, new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:typo").to("rocketmq:" + missing + "?pollNameServerInterval=1000");
                }
            });
            try {
                // no send: a readiness probe keeps the traffic away from a producer whose every send would fail
                await().atMost(seconds(30)).untilAsserted(() -> assertThat(producers(strictContext, missing))
                        .singleElement().satisfies(r -> {
                            assertThat(r.getState()).as("%s", r.getMessage()).isEqualTo(HealthCheck.State.DOWN);
                            assertThat(r.getMessage()).hasValueSatisfying(m -> assertThat(m)
                                    .contains("Topic " + missing + " does not exist").contains("autoCreateTopicEnable=false"));
                        }));

                strict.createTopic(missing, 1);
                await().atMost(seconds(30)).untilAsserted(() -> assertThat(producers(strictContext, missing))
                        .singleElement().satisfies(r -> assertThat(r.getState()).as("%s", r.getMessage())
                                .isEqualTo(HealthCheck.State.UP)));
                strictContext.createProducerTemplate().sendBody("direct:typo", "now it exists");
                assertThat(strict.awaitMessages(missing, 1, seconds(30))).hasSize(1);
            } finally {
                strictContext.stop();
            }
        }
    }

    /**
     * A name server that restarted knows no topic until the brokers register again (every 30 s in production): the
     * producer, whose client still sends with the route it had, read DOWN saying its topic does not exist while its
     * sends succeeded (found by an outside audit, 10 s of it after a restart; failed first here). The name server's
     * loss of the route is made here by the admin call that deletes a topic in it.
     */
    @Test
    void aProducerThatStillHasARouteStaysUpWhileTheNameServerForgetsItsTopic() throws Exception {
        try (EmbeddedRocketMQBroker strict = EmbeddedRocketMQBroker.builder()
                .brokerProperty("autoCreateTopicEnable", "false").brokerProperty("registerNameServerPeriod", "60000")
                .start(); TestClients admin = new TestClients(strict.getNamesrvAddr())) {
            String topic = unique("health-forgotten");
            strict.createTopic(topic, 1);
            CamelContext strictContext = startedWithProducerChecks(strict, new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:orders").to("rocketmq:" + topic + "?pollNameServerInterval=1000");
                }
            });
            try {
                strictContext.createProducerTemplate().sendBody("direct:orders", "before");
                MQClientAPIImpl api = admin.producer().getDefaultMQProducerImpl().getMqClientFactory()
                        .getMQClientAPIImpl();
                api.deleteTopicInNameServer(strict.getNamesrvAddr(), topic, 3000);
                assertThatThrownBy(() -> api.getTopicRouteInfoFromNameServer(topic, 3000))
                        .hasMessageContaining("No topic route info");

                await().during(seconds(4)).atMost(seconds(8)).untilAsserted(() -> assertThat(producers(strictContext,
                        topic)).singleElement().satisfies(r -> assertThat(r.getState()).as("%s", r.getMessage())
                                .isEqualTo(HealthCheck.State.UP)));
                strictContext.createProducerTemplate().sendBody("direct:orders", "after");
                assertThat(strict.awaitMessages(topic, 2, seconds(30))).hasSize(2);
            } finally {
                strictContext.stop();
            }
        }
    }

    @Test
    void aConsumerRouteWhoseNameServerIsUnreachableFailsAtStartNamingIt() throws Exception {
        String nowhere = "127.0.0.1:" + ClosedPorts.next();
        RouteBuilder lost = new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:orders?consumerGroup=lost&namesrvAddr=" + nowhere).routeId("lost").to("log:lost?level=OFF");
            }
        };

        long begin = System.nanoTime();
        assertThatThrownBy(() -> context.addRoutes(lost)).hasStackTraceContaining(
                "Cannot start the RocketMQ consumer of topic orders (group lost, namesrvAddr=" + nowhere + ")")
                .hasStackTraceContaining("connect to " + nowhere + " failed");
        assertThat((System.nanoTime() - begin) / 1_000_000).as("ms until the error").isLessThan(15_000);
    }

    /** A context of its own on another broker, its producer checks reported. */
    private static CamelContext startedWithProducerChecks(EmbeddedRocketMQBroker other, RouteBuilder routes) throws Exception {
        CamelContext started = newContext(other);
        HealthCheckHelper.getHealthCheckRepository(started, "producers", HealthCheckRepository.class).setEnabled(true);
        started.addRoutes(routes);
        started.start();
        return started;
    }

}
