package io.rocketcamel.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.component.rocketmq.RocketMQComponent;
import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A cluster address the application gives in code, in the configuration bean
 * (camel.component.rocketmq.configuration=#bean:...) or on its own rocketmq component bean, must not be replaced by
 * the embedded broker's address; an own component bean also keeps the embedded broker from starting. A second
 * component for another cluster, under another name, keeps what the application gave it: the properties and the
 * embedded broker are the rocketmq component's.
 */
class EmbeddedBrokerAddressIT {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(CamelAutoConfiguration.class, EmbeddedBrokerAutoConfiguration.class,
                    RocketMQComponentAutoConfiguration.class));

    @Test
    void anAddressInTheConfigurationBeanIsKept() {
        runner.withBean("clusterRocketMQ", RocketMQConfiguration.class, () -> {
            RocketMQConfiguration configuration = new RocketMQConfiguration();
            configuration.setNamesrvAddr("mq1:9876;mq2:9876");
            return configuration;
        }).withPropertyValues("camel.component.rocketmq.configuration=#bean:clusterRocketMQ").run(context -> {
            assertThat(context).hasNotFailed();
            RocketMQComponent component = context.getBean(CamelContext.class).getComponent("rocketmq", RocketMQComponent.class);
            assertThat(component.getConfiguration().getNamesrvAddr()).isEqualTo("mq1:9876;mq2:9876");
        });
    }

    /**
     * The application's own rocketmq component, configured in code with its cluster, no namesrv-addr property: before,
     * the embedded broker started and the component was pointed at it ("[namesrvAddr set in code] expected: "mq1:9876"
     * but was: "127.0.0.1:38117""), its messages going to a temporary store deleted at shutdown.
     */
    @Test
    void anApplicationsOwnComponentKeepsItsClusterAndNoBrokerStarts() {
        runner.withBean(EmbeddedBrokerCondition.COMPONENT, RocketMQComponent.class, () -> component("mq1:9876"))
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedRocketMQBroker.class);
                    RocketMQComponent component = context.getBean(CamelContext.class).getComponent("rocketmq",
                            RocketMQComponent.class);
                    assertThat(component).isSameAs(context.getBean(EmbeddedBrokerCondition.COMPONENT));
                    assertThat(component.getConfiguration().getNamesrvAddr()).isEqualTo("mq1:9876");
                });
    }

    @Test
    void anApplicationsOwnComponentKeepsItsClusterWhenTheBrokerIsSwitchedOn() {
        runner.withBean(EmbeddedBrokerCondition.COMPONENT, RocketMQComponent.class, () -> component("mq1:9876"))
                .withPropertyValues("rocketcamel.embedded-broker.enabled=true").run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(EmbeddedRocketMQBroker.class);
                    assertThat(context.getBean(CamelContext.class).getComponent("rocketmq", RocketMQComponent.class)
                            .getConfiguration().getNamesrvAddr()).isEqualTo("mq1:9876");
                });
    }

    /** Switched on, the embedded broker serves an own component that names no cluster. */
    @Test
    void anApplicationsOwnComponentWithoutAnAddressUsesTheBrokerSwitchedOn() {
        runner.withBean(EmbeddedBrokerCondition.COMPONENT, RocketMQComponent.class, () -> component(null))
                .withPropertyValues("rocketcamel.embedded-broker.enabled=true").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(CamelContext.class).getComponent("rocketmq", RocketMQComponent.class)
                            .getConfiguration().getNamesrvAddr())
                            .isEqualTo(context.getBean(EmbeddedRocketMQBroker.class).getNamesrvAddr());
                });
    }

    private static RocketMQComponent component(String namesrvAddr) {
        RocketMQComponent component = new RocketMQComponent();
        if (namesrvAddr != null) {
            component.getConfiguration().setNamesrvAddr(namesrvAddr);
        }
        return component;
    }

    /** namesrv-addr=${MQ_ADDR:} with MQ_ADDR unset: the condition starts the embedded broker, the component must use it. */
    @Test
    void aBlankAddressMeansTheEmbeddedBroker() {
        runner.withPropertyValues("camel.component.rocketmq.namesrv-addr=").run(context -> {
            assertThat(context).hasNotFailed();
            String embedded = context.getBean(EmbeddedRocketMQBroker.class).getNamesrvAddr();
            RocketMQComponent component = context.getBean(CamelContext.class).getComponent("rocketmq", RocketMQComponent.class);
            assertThat(component.getConfiguration().getNamesrvAddr()).isEqualTo(embedded);
        });
    }

    @Test
    void aSecondComponentKeepsItsOwnClusterAndCredentials() {
        runner.withBean("rocketmqB", RocketMQComponent.class, () -> {
            RocketMQComponent second = component("cluster-b:9876");
            second.getConfiguration().setAccessKey("b-key");
            second.getConfiguration().setSecretKey("b-secret");
            return second;
        }).withPropertyValues("camel.component.rocketmq.namesrv-addr=cluster-a:9876",
                "camel.component.rocketmq.access-key=a-key", "camel.component.rocketmq.secret-key=a-secret")
                .run(context -> {
                    CamelContext camel = context.getBean(CamelContext.class);
                    RocketMQConfiguration second = camel.getComponent("rocketmqB", RocketMQComponent.class)
                            .getConfiguration();
                    assertThat(second.getNamesrvAddr()).isEqualTo("cluster-b:9876");
                    assertThat(second.getAccessKey()).isEqualTo("b-key");
                    assertThat(second.getSecretKey()).isEqualTo("b-secret");
                    assertThat(camel.getComponent("rocketmq", RocketMQComponent.class).getConfiguration()
                            .getNamesrvAddr()).isEqualTo("cluster-a:9876");
                });
    }
}
