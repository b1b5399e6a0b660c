package io.rocketcamel.starter;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A bad rocketcamel.saga.* value stops the start with an error naming the property, as the other groups do. */
class SagaPropertiesValidationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(CamelAutoConfiguration.class, RocketMQComponentAutoConfiguration.class,
                    RocketMQSagaAutoConfiguration.class))
            // the properties are checked as they are bound, before anything connects: no broker needed
            .withPropertyValues("camel.component.rocketmq.namesrv-addr=127.0.0.1:1");

    @Test
    void badQueuesNamesTheProperty() {
        assertStartFails("rocketcamel.saga.queues=0", "rocketcamel.saga.queues");
    }

    @Test
    void badMaxAttemptsNamesTheProperty() {
        assertStartFails("rocketcamel.saga.max-attempts=0", "rocketcamel.saga.max-attempts");
    }

    /** A retry is a timer message: one due later than the brokers' timer limit is refused. */
    @Test
    void aMaxRetryDelayPastTheBrokersTimerLimitNamesTheProperty() {
        assertStartFails("rocketcamel.saga.max-retry-delay=4d", "rocketcamel.saga.max-retry-delay=PT96H: at most PT72H");
    }

    private void assertStartFails(String property, String named) {
        runner.withPropertyValues("rocketcamel.saga.enabled=true", "spring.application.name=orders", property).run(context -> {
            assertThat(context).hasFailed();
            StringBuilder messages = new StringBuilder();
            for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                messages.append(t).append('\n');
            }
            assertThat(messages.toString()).as(property).contains(named);
        });
    }
}
