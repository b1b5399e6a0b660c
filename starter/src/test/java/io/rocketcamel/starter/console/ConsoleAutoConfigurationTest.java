package io.rocketcamel.starter.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

class ConsoleAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConsoleAutoConfiguration.class));

    @Test
    void offUnlessEnabled() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ConsoleController.class));
    }

    @Test
    void enabledWithoutAWebServerTheApplicationDoesNotStartAndSaysWhy() {
        runner.withPropertyValues("rocketcamel.console.enabled=true").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("rocketcamel.console.enabled=true")
                .hasMessageContaining("spring-boot-starter-web"));
    }

    /** The console reads the brokers through the component configuration's admin client: without, it served nothing. */
    @Test
    void enabledWithoutTheComponentConfigurationTheApplicationDoesNotStartAndSaysWhy() {
        new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(ConsoleAutoConfiguration.class))
                .withPropertyValues("rocketcamel.console.enabled=true").run(context -> assertThat(context).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("rocketcamel.console.enabled=true")
                        .hasMessageContaining("camel.component.rocketmq.enabled"));
    }

    @Test
    void aBadPathIsRejectedNamingTheProperty() {
        WebApplicationContextRunner web = new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ConsoleAutoConfiguration.class));
        web.withPropertyValues("rocketcamel.console.enabled=true", "rocketcamel.console.path=rocketcamel/")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("rocketcamel.console.path=rocketcamel/")
                        .hasMessageContaining("such as /rocketcamel"));
        web.withPropertyValues("rocketcamel.console.enabled=true", "rocketcamel.console.refresh-interval=100ms")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("rocketcamel.console.refresh-interval=PT0.1S: at least 500ms"));
    }

    /** A port or a scheme in the list would never match a Host header's name: refused at start, not ignored. */
    @Test
    void anAllowedHostWithAPortIsRejectedNamingTheProperty() {
        new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(ConsoleAutoConfiguration.class))
                .withPropertyValues("rocketcamel.console.enabled=true",
                                    "rocketcamel.console.allowed-hosts=ops.example.com,http://ops.example.com:8080")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("rocketcamel.console.allowed-hosts has http://ops.example.com:8080")
                        .hasMessageContaining("without scheme or port"));
    }
}
