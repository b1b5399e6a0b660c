package io.rocketcamel.starter;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.component.rocketmq.RocketMQComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Embedded broker settings the component depends on: its delay levels bound the levels an endpoint may ask for, and its
 * switch is read as Spring reads a boolean.
 */
class EmbeddedBrokerSettingsIT {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(CamelAutoConfiguration.class, EmbeddedBrokerAutoConfiguration.class,
                    RocketMQComponentAutoConfiguration.class));

    /** The broker would deliver delayLevel=5 at its last level, 10 s, and the component accepted it. */
    @Test
    void theComponentChecksDelayLevelsAgainstTheEmbeddedBrokersLevels() {
        runner.withPropertyValues("rocketcamel.embedded-broker.delay-levels=1s 5s 10s").run(context -> {
            assertThat(context).hasNotFailed();
            CamelContext camel = context.getBean(CamelContext.class);
            assertThat(camel.getComponent("rocketmq", RocketMQComponent.class).getConfiguration().getDelayLevelCount())
                    .isEqualTo(3);
            assertThatThrownBy(() -> camel.getEndpoint("rocketmq:orders?delayLevel=5")).hasStackTraceContaining(
                    "delayLevel=5 is out of range: valid levels are 1 to 3");
        });
    }

    /**
     * The component is configured when it is first used: a route's start, so the application's. An explicit 18, the
     * component's default, was taken for no setting and silently replaced.
     */
    @ParameterizedTest
    @ValueSource(ints = {5, 18})
    void aDelayLevelCountOtherThanTheEmbeddedBrokersFailsTheComponentNamingBoth(int count) {
        runner.withPropertyValues("rocketcamel.embedded-broker.delay-levels=1s 5s 10s",
                "camel.component.rocketmq.delay-level-count=" + count).run(context -> {
            CamelContext camel = context.getBean(CamelContext.class);
            assertThatThrownBy(() -> camel.getComponent("rocketmq")).hasStackTraceContaining(
                    "camel.component.rocketmq.delay-level-count=" + count).hasStackTraceContaining(
                    "rocketcamel.embedded-broker.delay-levels=1s 5s 10s");
        });
    }

    /**
     * The component prefixes every topic with its namespace, so the topics listed for the embedded broker are created
     * so: created as listed, a route's first send made another one, of 4 queues and not ordered.
     */
    @Test
    void theListedTopicsAreCreatedInTheComponentsNamespace() {
        runner.withPropertyValues("camel.component.rocketmq.namespace=dev",
                "rocketcamel.embedded-broker.topics.orders=8", "rocketcamel.embedded-broker.ordered-topics.ledger=2",
                "rocketcamel.embedded-broker.topics[dev%already]=3").run(context -> {
                    assertThat(context).hasNotFailed();
                    EmbeddedRocketMQBroker broker = context.getBean(EmbeddedRocketMQBroker.class);
                    var topics = broker.getBrokerController(broker.getBrokerNames().get(0)).getTopicConfigManager();
                    assertThat(topics.selectTopicConfig("dev%orders").getWriteQueueNums()).isEqualTo(8);
                    assertThat(topics.selectTopicConfig("dev%ledger").getTopicMessageType()).hasToString("FIFO");
                    assertThat(topics.selectTopicConfig("dev%already").getWriteQueueNums()).isEqualTo(3);
                    assertThat(topics.selectTopicConfig("orders")).isNull();
                });
    }

    /** Boolean.parseBoolean read "ture" (and Spring's "on") as false: no broker, and the component on localhost:9876. */
    @Test
    void theSwitchIsReadAsSpringReadsABoolean() {
        runner.withPropertyValues("rocketcamel.embedded-broker.enabled=ture").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("rocketcamel.embedded-broker.enabled=ture");
        });
        runner.withPropertyValues("rocketcamel.embedded-broker.enabled=on").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(io.rocketcamel.broker.EmbeddedRocketMQBroker.class);
        });
    }
}
