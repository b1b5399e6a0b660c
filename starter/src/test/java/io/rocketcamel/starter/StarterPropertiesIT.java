package io.rocketcamel.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

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
import org.springframework.core.env.SystemEnvironmentPropertySource;

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

    /**
     * A feature's properties are bound only while it is on: a misspelt switch left it off (or, for the metrics, on) and
     * a misspelt name beside an off switch went unnoticed. Each names the property and what the prefix has.
     */
    @Test
    void aMisspeltNameUnderAFeatureThatIsOffStopsTheStartNamingIt() {
        web.withPropertyValues(NO_BROKER, "rocketcamel.console.enabeld=true").run(context -> assertThat(context)
                .hasFailed().getFailure().hasStackTraceContaining("rocketcamel.console.enabeld")
                .hasStackTraceContaining("max-messages"));
        web.withPropertyValues(NO_BROKER, "rocketcamel.console.maxMessage=5").run(context -> assertThat(context)
                .hasFailed().getFailure().hasStackTraceContaining("rocketcamel.console.maxMessage"));
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues(NO_BROKER, "rocketcamel.metrics.enable=false").run(context -> assertThat(context)
                        .hasFailed().getFailure().hasStackTraceContaining("rocketcamel.metrics.enable"));
        runner.withPropertyValues(NO_BROKER, "rocketcamel.embedded-broker.enable=true").run(context ->
                assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("rocketcamel.embedded-broker.enable"));
        web.withPropertyValues(NO_BROKER, "rocketcamel.console.maxMessages=5", "rocketcamel.console.allowed-hosts[0]=a")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("rocketMQConsoleController"));
    }

    /**
     * Kubernetes names a service's address in variables: one named rocketcamel-console must not stop the start, the
     * console off or on (its properties' ignoreUnknownFields=false refused them with it on).
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void environmentVariablesUnderAFeaturesPrefixAreNotJudged(boolean consoleOn) {
        web.withPropertyValues(NO_BROKER, "rocketcamel.console.enabled=" + consoleOn).withInitializer(context -> context
                .getEnvironment().getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                        "test-systemEnvironment", Map.of("ROCKETCAMEL_CONSOLE_SERVICE_HOST", "10.0.0.7",
                                "ROCKETCAMEL_CONSOLE_PORT", "tcp://x:80"))))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.containsBean("rocketMQConsoleController")).isEqualTo(consoleOn);
                });
    }

    /**
     * The console under the actuator's base path: the actuator's own mapping answered the page's path (its links), and
     * the console was reachable only in part, without a word.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/actuator", "/actuator/rocketcamel", "/ops"})
    void theConsoleUnderTheActuatorsPathStopsTheStartNamingBoth(String actuatorPath) {
        String consolePath = actuatorPath.equals("/ops") ? "/ops/console" : actuatorPath;
        String base = actuatorPath.equals("/ops") ? "management.endpoints.web.base-path=/ops"
                : "spring.main.banner-mode=off";
        web.withPropertyValues(NO_BROKER, "rocketcamel.console.enabled=true", "rocketcamel.console.path=" + consolePath,
                base).run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("rocketcamel.console.path=" + consolePath)
                        .hasStackTraceContaining("management.endpoints.web.base-path"));
        web.withPropertyValues(NO_BROKER, "rocketcamel.console.enabled=true", "rocketcamel.console.path=" + consolePath,
                base, "management.server.port=18081").run(context -> assertThat(context).hasNotFailed()
                        .hasBean("rocketMQConsoleController"));
        web.withPropertyValues(NO_BROKER, "rocketcamel.console.enabled=true", "rocketcamel.console.path=/actuators")
                .run(context -> assertThat(context).hasNotFailed().hasBean("rocketMQConsoleController"));
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
