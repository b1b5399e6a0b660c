package io.rocketcamel.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.component.rocketmq.saga.RocketMQSagaService;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.saga.CamelSagaService;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** rocketcamel.saga.enabled turns the saga service on, with its properties, on the embedded broker's new topics. */
class RocketMQSagaAutoConfigurationIT {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(CamelAutoConfiguration.class, EmbeddedBrokerAutoConfiguration.class,
                    RocketMQComponentAutoConfiguration.class, RocketMQSagaAutoConfiguration.class));

    @Test
    void offUnlessEnabled() {
        runner.withPropertyValues("rocketcamel.embedded-broker.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CamelSagaService.class));
    }

    @Test
    void enabledItRunsOnTheEmbeddedBrokerWithItsProperties() {
        runner.withPropertyValues("rocketcamel.saga.enabled=true", "spring.application.name=orders",
                "rocketcamel.saga.topic=order-sagas", "rocketcamel.saga.dead-letter-topic=order-sagas-dlq",
                "rocketcamel.saga.queues=3", "rocketcamel.saga.max-attempts=4", "rocketcamel.saga.retry-delay=2s",
                "rocketcamel.saga.max-retry-delay=1m", "rocketcamel.saga.late-join-window=90s").run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(RocketMQSagaService.class);
                    RocketMQSagaService saga = context.getBean(RocketMQSagaService.class);
                    assertThat(saga.getParticipant()).isEqualTo("orders");
                    assertThat(saga.getTopic()).isEqualTo("order-sagas");
                    assertThat(saga.getDeadLetterTopic()).isEqualTo("order-sagas-dlq");
                    assertThat(saga.getMaxAttempts()).isEqualTo(4);
                    assertThat(saga.getRetryDelay()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(saga.getMaxRetryDelay()).isEqualTo(Duration.ofMinutes(1));
                    assertThat(saga.getLateJoinWindow()).isEqualTo(Duration.ofSeconds(90));
                    CamelContext camel = context.getBean(CamelContext.class);
                    assertThat(camel.hasService(CamelSagaService.class)).isSameAs(saga);
                    assertThat(saga.getStatus()).isEqualTo(ServiceStatus.Started);
                    EmbeddedRocketMQBroker broker = context.getBean(EmbeddedRocketMQBroker.class);
                    var topics = broker.getBrokerController(broker.getBrokerNames().get(0)).getTopicConfigManager();
                    assertThat(topics.selectTopicConfig("order-sagas").getWriteQueueNums()).isEqualTo(3);
                    assertThat(topics.selectTopicConfig("order-sagas-dlq")).isNotNull();
                });
    }

    /** The saga's clients prefix its topics with the component's namespace: the topics must be created so. */
    @Test
    void withTheComponentsNamespaceItsTopicsAreCreatedInThatNamespace() {
        runner.withPropertyValues("rocketcamel.saga.enabled=true", "camel.component.rocketmq.namespace=dev",
                "spring.application.name=orders",
                "rocketcamel.saga.queues=3").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(RocketMQSagaService.class).getStatus()).isEqualTo(ServiceStatus.Started);
                    EmbeddedRocketMQBroker broker = context.getBean(EmbeddedRocketMQBroker.class);
                    var topics = broker.getBrokerController(broker.getBrokerNames().get(0)).getTopicConfigManager();
                    assertThat(topics.selectTopicConfig("dev%rocketcamel-saga").getWriteQueueNums()).isEqualTo(3);
                    assertThat(topics.selectTopicConfig("dev%rocketcamel-saga-dlq")).isNotNull();
                });
    }

    /** The topics were created for the starter's service only: the application's own refused to start without them. */
    @Test
    void anApplicationsOwnSagaServiceRunsOnTheEmbeddedBroker() {
        runner.withBean("ownSaga", CamelSagaService.class, () -> {
            RocketMQSagaService own = new RocketMQSagaService();
            own.setParticipant("own-participant");
            own.setTopic("own-sagas");
            return own;
        }).withBean(RouteBuilder.class, () -> new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:order").saga().compensation("direct:cancel").to("log:order?level=OFF");
                from("direct:cancel").to("log:cancel?level=OFF");
            }
        }).withPropertyValues("rocketcamel.saga.queues=2").run(context -> {
            assertThat(context).hasNotFailed();
            RocketMQSagaService own = (RocketMQSagaService) context.getBean(CamelSagaService.class);
            assertThat(own.getStatus()).isEqualTo(ServiceStatus.Started);
            EmbeddedRocketMQBroker broker = context.getBean(EmbeddedRocketMQBroker.class);
            var topics = broker.getBrokerController(broker.getBrokerNames().get(0)).getTopicConfigManager();
            assertThat(topics.selectTopicConfig("own-sagas").getWriteQueueNums()).isEqualTo(2);
            assertThat(topics.selectTopicConfig(own.getDeadLetterTopic())).isNotNull();
        });
    }

    /** It named the service's Java setter and the context's generated name, not what a Spring Boot user sets. */
    @Test
    void noParticipantStopsTheStartNamingTheProperties() {
        runner.withPropertyValues("rocketcamel.saga.enabled=true", "rocketcamel.embedded-broker.enabled=false")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasStackTraceContaining("rocketcamel.saga.participant")
                            .hasStackTraceContaining("spring.application.name");
                });
    }

    @Test
    void aBadParticipantStopsTheStartSayingWhy() {
        runner.withPropertyValues("rocketcamel.saga.enabled=true", "rocketcamel.saga.participant=order service",
                        "rocketcamel.embedded-broker.enabled=false")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .hasStackTraceContaining("participant 'order service' is not allowed");
                });
    }
}
