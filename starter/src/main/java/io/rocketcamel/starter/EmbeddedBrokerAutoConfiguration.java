package io.rocketcamel.starter;

import io.rocketcamel.broker.EmbeddedBrokerException;
import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.broker.EmbeddedRocketMQBrokerBuilder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * The embedded broker as a singleton bean: singletons are created before Camel's context starts (Spring starts
 * lifecycle beans last) and destroyed after it stopped, so routes never run without their broker.
 */
@AutoConfiguration(beforeName = "org.apache.camel.spring.boot.CamelAutoConfiguration")
@Conditional(EmbeddedBrokerCondition.class)
@EnableConfigurationProperties(EmbeddedBrokerProperties.class)
public class EmbeddedBrokerAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    EmbeddedRocketMQBroker embeddedRocketMQBroker(EmbeddedBrokerProperties properties, Environment environment) {
        // the component is configured later, when Camel first uses it: its namespace and TLS are read from the
        // environment
        Binder binder = Binder.get(environment);
        String namespace = binder.bind("camel.component.rocketmq.namespace", String.class).orElse(null);
        EmbeddedRocketMQBrokerBuilder builder = properties.toBuilder((property, reason) -> {
            throw new IllegalArgumentException(EmbeddedBrokerProperties.qualified(property) + ": " + reason);
        }, namespace);
        if (binder.bind("camel.component.rocketmq.use-tls", Boolean.class).orElse(false)) {
            // the embedded servers accept plain connections only unless asked: every TLS request failed
            builder.acceptTls();
        }
        try {
            return builder.start();
        } catch (EmbeddedBrokerException e) {
            throw new EmbeddedBrokerException("The embedded broker (" + EmbeddedBrokerProperties.PREFIX
                    + ".*) did not start: " + e.getMessage(), e);
        }
    }
}
