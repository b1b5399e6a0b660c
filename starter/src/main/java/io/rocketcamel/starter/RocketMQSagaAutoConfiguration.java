package io.rocketcamel.starter;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.component.rocketmq.RocketMQComponent;
import io.rocketcamel.component.rocketmq.saga.RocketMQSagaService;
import org.apache.camel.CamelContext;
import org.apache.camel.saga.CamelSagaService;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.rocketmq.remoting.protocol.NamespaceUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * With {@code rocketcamel.saga.enabled=true}, the routes' {@code saga()} definitions run on a
 * {@link RocketMQSagaService} on the rocketmq component's cluster. On the embedded broker the topics of every
 * RocketMQSagaService of the application are created, the starter's and one configured in code alike.
 */
@AutoConfiguration(after = RocketMQComponentAutoConfiguration.class)
@ConditionalOnBean(CamelContext.class)
@EnableConfigurationProperties(SagaProperties.class)
public class RocketMQSagaAutoConfiguration {

    @Bean
    @Conditional(SagaSwitch.class)
    @ConditionalOnMissingBean(CamelSagaService.class)
    RocketMQSagaService rocketMQSagaService(CamelContext camelContext, SagaProperties properties,
            @Value("${spring.application.name:#{null}}") String applicationName) throws Exception {
        RocketMQSagaService service = properties.toService(applicationName);
        if (service.getParticipant() == null && !camelContext.getNameStrategy().isFixedName()) {
            throw new IllegalStateException("The saga service needs a participant, a name every instance of this"
                                            + " application shares and keeps across restarts (it names the consumer"
                                            + " group that runs its callbacks): set " + SagaProperties.PREFIX
                                            + ".participant, or spring.application.name, or camel.main.name");
        }
        camelContext.addService(service);
        return service;
    }

    /**
     * Before Camel starts its services: a saga service refuses to start without its topics. The topic gets
     * rocketcamel.saga.queues queues; an existing one keeps its count, as changing it would split the sagas running.
     */
    @Bean
    @ConditionalOnBean(EmbeddedRocketMQBroker.class)
    CamelContextConfiguration rocketMQSagaTopics(ApplicationContext applicationContext, EmbeddedRocketMQBroker broker,
            SagaProperties properties) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                // the service's clients prefix its topics with its namespace, by default the component's
                String componentNamespace = camelContext.getComponent("rocketmq") instanceof RocketMQComponent rocketmq
                        ? rocketmq.getConfiguration().getNamespace() : null;
                for (RocketMQSagaService saga : applicationContext.getBeansOfType(RocketMQSagaService.class).values()) {
                    String namespace = saga.getNamespace() != null ? saga.getNamespace() : componentNamespace;
                    createIfAbsent(broker, NamespaceUtil.wrapNamespace(namespace, saga.getTopic()),
                            properties.getQueues());
                    createIfAbsent(broker, NamespaceUtil.wrapNamespace(namespace, saga.getDeadLetterTopic()), 1);
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
            }
        };
    }

    private static void createIfAbsent(EmbeddedRocketMQBroker broker, String topic, int queues) {
        boolean exists = broker.getBrokerNames().stream()
                .anyMatch(name -> broker.getBrokerController(name).getTopicConfigManager().selectTopicConfig(topic) != null);
        if (!exists) {
            broker.createTopic(topic, queues);
        }
    }

    static final class SagaSwitch extends SwitchCondition {
        SagaSwitch() {
            super(SagaProperties.PREFIX, SagaProperties.class, false);
        }
    }
}
