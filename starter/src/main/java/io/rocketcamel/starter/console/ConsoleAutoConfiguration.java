package io.rocketcamel.starter.console;

import java.util.Optional;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.starter.BrokerAdmin;
import io.rocketcamel.starter.RocketMQComponentAutoConfiguration;
import io.rocketcamel.starter.SwitchCondition;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnNotWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The operations console, when {@code rocketcamel.console.enabled=true}: served by the application's web server,
 * servlet (Spring MVC) or reactive (Spring WebFlux); without one the application does not start, saying why, rather
 * than silently serving nothing.
 */
@AutoConfiguration(after = RocketMQComponentAutoConfiguration.class)
@Conditional(ConsoleAutoConfiguration.ConsoleSwitch.class)
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication
    @ConditionalOnBean(BrokerAdmin.class)
    static class Served {

        /** Camel takes event notifiers from the registry when it builds its context. */
        @Bean
        RouteActivity rocketMQConsoleActivity() {
            return new RouteActivity();
        }

        @Bean(destroyMethod = "close")
        DeadLetters rocketMQConsoleDeadLetters(BrokerAdmin admin, ConsoleProperties properties) {
            return new DeadLetters(admin, properties);
        }

        @Bean
        Console rocketMQConsole(CamelContext camel, BrokerAdmin admin, RouteActivity activity, DeadLetters deadLetters,
                ConsoleProperties properties, ObjectProvider<EmbeddedRocketMQBroker> embedded, Environment environment) {
            return new Console(camel, admin, activity, deadLetters, new MessageLookup(admin, properties), properties,
                    Optional.ofNullable(embedded.getIfAvailable()),
                    environment.getProperty("spring.application.name", camel.getName()));
        }

        @Bean(destroyMethod = "close")
        ConsoleCalls rocketMQConsoleCalls() {
            return new ConsoleCalls();
        }

        @Bean
        ConsoleController rocketMQConsoleController(Console console, ConsoleCalls calls, ConsoleProperties properties,
                Environment environment) {
            properties.refuseActuatorOverlap(environment);
            return new ConsoleController(console, calls, properties);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication
    @ConditionalOnMissingBean(BrokerAdmin.class)
    static class NoBrokerAccess {

        /** With the properties as a parameter: a bad one of them is named first. */
        @Bean
        Object rocketMQConsoleNeedsTheComponentConfiguration(ConsoleProperties properties) {
            throw new IllegalStateException(ConsoleProperties.PREFIX + ".enabled=true, but the starter's configuration"
                                            + " of the rocketmq component, through which the console reads the brokers,"
                                            + " is switched off (camel.component.rocketmq.enabled or"
                                            + " camel.component.enabled is false): switch it on, or leave the console"
                                            + " off");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnNotWebApplication
    static class NotServed {

        @Bean
        Object rocketMQConsoleNeedsAWebServer() {
            throw new IllegalStateException(ConsoleProperties.PREFIX + ".enabled=true, but this application runs no"
                                            + " web server to serve the console from: add"
                                            + " spring-boot-starter-web or spring-boot-starter-webflux (and do not set"
                                            + " spring.main.web-application-type=none), or leave the console off");
        }
    }

    static final class ConsoleSwitch extends SwitchCondition {
        ConsoleSwitch() {
            super(ConsoleProperties.PREFIX, ConsoleProperties.class, false);
        }
    }
}
