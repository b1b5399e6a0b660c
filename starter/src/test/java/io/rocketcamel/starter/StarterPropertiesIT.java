package io.rocketcamel.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rocketcamel.component.rocketmq.saga.RocketMQSagaService;
import io.rocketcamel.starter.console.ConsoleAutoConfiguration;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * What the starter does with a misspelt property name or a switch written another way Spring reads as a boolean
 * (found by an outside audit; each case failed first here).
 */
class StarterPropertiesIT {

    private static final String NO_BROKER = "camel.component.rocketmq.namesrv-addr=127.0.0.1:1";

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(CamelAutoConfiguration.class, EmbeddedBrokerAutoConfiguration.class,
                    RocketMQComponentAutoConfiguration.class, RocketMQSagaAutoConfiguration.class,
                    RocketMQMetricsAutoConfiguration.class));
    private final WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(CamelAutoConfiguration.class, RocketMQComponentAutoConfiguration.class,
                    ConsoleAutoConfiguration.class));

    @TempDir
    Path temp;

    /**
     * A misspelt store directory was ignored: the broker ran on a temporary store deleted at shutdown, every message
     * and offset with it.
     */
    @Test
    void aMisspeltEmbeddedBrokerPropertyStopsTheStartNamingIt() {
        runner.withPropertyValues("rocketcamel.embedded-broker.store-directory=" + temp.resolve("orders-store"))
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("rocketcamel.embedded-broker.store-directory"));
    }

    @Test
    void misspeltSagaAndConsolePropertiesStopTheStartNamingThem() {
        runner.withPropertyValues(NO_BROKER, "rocketcamel.saga.max-attempt=3").run(context -> assertThat(context)
                .hasFailed().getFailure().hasStackTraceContaining("rocketcamel.saga.max-attempt"));
        web.withPropertyValues(NO_BROKER, "rocketcamel.console.enabled=true", "rocketcamel.console.max-message=5")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("rocketcamel.console.max-message"));
    }

    /** The switch was compared with "true": on and yes left the console off, and so did a misspelt value, silently. */
    @ParameterizedTest
    @ValueSource(strings = {"on", "yes", "ture"})
    void theConsoleSwitchIsReadAsSpringReadsABoolean(String value) {
        web.withPropertyValues(NO_BROKER, "rocketcamel.console.enabled=" + value).run(context -> {
            if (value.equals("ture")) {
                assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("rocketcamel.console.enabled=ture");
            } else {
                assertThat(context).hasNotFailed().hasBean("rocketMQConsoleController");
            }
        });
    }

    /** rocketcamel.saga.enabled=on bound as true, yet no saga service was made. */
    @ParameterizedTest
    @ValueSource(strings = {"on", "yes", "1"})
    void theSagaSwitchIsReadAsSpringReadsABoolean(String value) {
        runner.withPropertyValues("spring.application.name=orders", "rocketcamel.saga.enabled=" + value)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(RocketMQSagaService.class));
    }

    /** Anything but "false" left the metrics on: off, no, and a misspelt false. */
    @ParameterizedTest
    @ValueSource(strings = {"off", "no", "flase"})
    void theMetricsSwitchIsReadAsSpringReadsABoolean(String value) {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues(NO_BROKER, "rocketcamel.metrics.enabled=" + value).run(context -> {
                    if (value.equals("flase")) {
                        assertThat(context).hasFailed().getFailure()
                                .hasStackTraceContaining("rocketcamel.metrics.enabled=flase");
                    } else {
                        assertThat(context).hasNotFailed().doesNotHaveBean(RoutePolicyFactory.class);
                    }
                });
    }

    /** ${EMBEDDED:} with the variable unset: a NullPointerException in the condition, naming no property. */
    @Test
    void aBlankSwitchFailsTheStartNamingIt() {
        runner.withPropertyValues("rocketcamel.embedded-broker.enabled=").run(context -> assertThat(context).hasFailed()
                .getFailure().hasStackTraceContaining("rocketcamel.embedded-broker.enabled is blank"));
        runner.withPropertyValues(NO_BROKER, "rocketcamel.saga.enabled= ").run(context -> assertThat(context)
                .hasFailed().getFailure().hasStackTraceContaining("rocketcamel.saga.enabled is blank"));
    }

    /** The refusal named consumeThreadMax=20 alone, which the application had not set. */
    @Test
    void aRefusedConsumeThreadMinNamesTheProperty() {
        runner.withBean(RouteBuilder.class, () -> new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:threads").to("rocketmq:threads");
            }
        }).withPropertyValues(NO_BROKER, "camel.component.rocketmq.consume-thread-min=30").run(context -> assertThat(
                context).hasFailed().getFailure()
                .hasStackTraceContaining("camel.component.rocketmq.consume-thread-min"));
    }
}
