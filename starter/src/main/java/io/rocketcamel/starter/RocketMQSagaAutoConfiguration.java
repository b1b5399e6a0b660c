package io.rocketcamel.starter;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.component.rocketmq.RocketMQComponent;
import io.rocketcamel.component.rocketmq.saga.RocketMQSagaService;
import org.apache.camel.CamelContext;
import org.apache.camel.saga.CamelSagaService;
import org.apache.rocketmq.remoting.protocol.NamespaceUtil;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * With {@code rocketcamel.saga.enabled=true}, the routes' {@code saga()} definitions run on a
 * {@link RocketMQSagaService} on the rocketmq component's cluster; on the embedded broker its topics are created.
 */
@AutoConfiguration(after = RocketMQComponentAutoConfiguration.class)
@ConditionalOnBean(CamelContext.class)
@ConditionalOnProperty(prefix = SagaProperties.PREFIX, name = "enabled", havingValue = "true")
@EnableConfigurationProperties(SagaProperties.class)
public class RocketMQSagaAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(CamelSagaService.class)
    RocketMQSagaService rocketMQSagaService(CamelContext camelContext, SagaProperties properties,
            ObjectProvider<EmbeddedRocketMQBroker> embeddedBroker,
            @Value("${spring.application.name:#{null}}") String applicationName) throws Exception {
        RocketMQSagaService service = properties.toService(applicationName);
        if (service.getParticipant() == null && !camelContext.getNameStrategy().isFixedName()) {
            throw new IllegalStateException("The saga service needs a participant, a name every instance of this"
                                            + " application shares and keeps across restarts (it names the consumer"
                                            + " group that runs its callbacks): set " + SagaProperties.PREFIX
                                            + ".participant, or spring.application.name, or camel.main.name");
        }
        EmbeddedRocketMQBroker broker = embeddedBroker.getIfAvailable();
        if (broker != null) {
            // the service's clients prefix its topics with the component's namespace
            String namespace = camelContext.getComponent("rocketmq") instanceof RocketMQComponent rocketmq
                    ? rocketmq.getConfiguration().getNamespace() : null;
            createIfAbsent(broker, NamespaceUtil.wrapNamespace(namespace, properties.getTopic()), properties.getQueues());
            createIfAbsent(broker, NamespaceUtil.wrapNamespace(namespace, properties.getDeadLetterTopic()), 1);
        }
        camelContext.addService(service);
        return service;
    }

    /** An existing saga topic keeps its queue count: changing it would split the sagas already running. */
    private static void createIfAbsent(EmbeddedRocketMQBroker broker, String topic, int queues) {
        boolean exists = broker.getBrokerNames().stream()
                .anyMatch(name -> broker.getBrokerController(name).getTopicConfigManager().selectTopicConfig(topic) != null);
        if (!exists) {
            broker.createTopic(topic, queues);
        }
    }
}
