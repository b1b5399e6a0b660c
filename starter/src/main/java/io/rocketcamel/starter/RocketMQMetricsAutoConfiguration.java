package io.rocketcamel.starter;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.spi.RoutePolicyFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Micrometer meters for rocketmq producers and consumers, when the application has a MeterRegistry. Camel picks the
 * notifier and the route policy factory up from the registry when it builds its context.
 */
@AutoConfiguration(after = RocketMQComponentAutoConfiguration.class, afterName = {
        "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, BrokerAdmin.class })
@Conditional(RocketMQMetricsAutoConfiguration.MetricsSwitch.class)
public class RocketMQMetricsAutoConfiguration {

    @Bean
    SendMetricsNotifier rocketMQSendMetricsNotifier(MeterRegistry registry) {
        return new SendMetricsNotifier(registry);
    }

    @Bean
    BrokerReadings rocketMQBrokerReadings() {
        return new BrokerReadings();
    }

    @Bean
    RoutePolicyFactory rocketMQConsumerMetrics(MeterRegistry registry, BrokerAdmin admin, BrokerReadings readings) {
        MeterLeases leases = new MeterLeases(registry);
        return (camelContext, routeId, route) -> new ConsumerMetricsPolicy(registry, leases, admin, readings);
    }

    static final class MetricsSwitch extends SwitchCondition {
        MetricsSwitch() {
            super("rocketcamel.metrics", null, true);
        }
    }
}
