package io.rocketcamel.starter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Registers the rocketmq health checks with Camel's health check registry; camel-spring-boot reports that registry
 * in {@code /actuator/health} when actuator is present.
 */
@AutoConfiguration(after = RocketMQComponentAutoConfiguration.class)
@ConditionalOnBean(BrokerAdmin.class)
@ConditionalOnProperty(prefix = "rocketcamel.health", name = "enabled", matchIfMissing = true)
public class RocketMQHealthAutoConfiguration {

    @Bean
    RocketMQHealthCheckRepository rocketMQHealthCheckRepository(BrokerAdmin admin) {
        return new RocketMQHealthCheckRepository(admin);
    }
}
