package io.rocketcamel.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.rocketcamel.component.rocketmq.RocketMQComponent;
import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A cluster address given in the configuration bean (camel.component.rocketmq.configuration=#bean:...), the
 * documented base that single properties refine, must not be replaced by the embedded broker's address.
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

    /** namesrv-addr=${MQ_ADDR:} with MQ_ADDR unset: the condition starts the embedded broker, the component must use it. */
    @Test
    void aBlankAddressMeansTheEmbeddedBroker() {
        runner.withPropertyValues("camel.component.rocketmq.namesrv-addr=").run(context -> {
            assertThat(context).hasNotFailed();
            String embedded = context.getBean(io.rocketcamel.broker.EmbeddedRocketMQBroker.class).getNamesrvAddr();
            RocketMQComponent component = context.getBean(CamelContext.class).getComponent("rocketmq", RocketMQComponent.class);
            assertThat(component.getConfiguration().getNamesrvAddr()).isEqualTo(embedded);
        });
    }
}
