package io.rocketcamel.starter;

import java.util.Arrays;

import io.rocketcamel.component.rocketmq.RocketMQComponent;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The embedded broker starts when {@code rocketcamel.embedded-broker.enabled} says so, or, when that is not set, when
 * no name server address is configured and the starter configures the {@code rocketmq} component (nothing else would
 * point it at the broker): moving to a cluster is setting that one address. An application that declares
 * its own {@code rocketmq} component bean configures it, its cluster included, in code: the broker then backs off, as
 * Spring Boot's embedded database does for an application's own DataSource. Evaluated when beans are registered, so
 * that the application's bean definitions are known.
 */
class EmbeddedBrokerCondition extends SpringBootCondition implements ConfigurationCondition {

    static final String NAMESRV_ADDR = RocketMQComponentConfiguration.PREFIX + ".namesrv-addr";
    static final String ENABLED = EmbeddedBrokerProperties.PREFIX + ".enabled";
    /** The bean name Camel looks the rocketmq component up by. */
    static final String COMPONENT = "rocketmq";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment environment = context.getEnvironment();
        SwitchCondition.refuseUnknownNames(environment, EmbeddedBrokerProperties.PREFIX,
                EmbeddedBrokerProperties.class);
        // read as Spring binds a boolean: Boolean.parseBoolean read "on" and a misspelt "ture" as false, and the
        // application ran without its broker, its component on localhost:9876
        Boolean enabled = SwitchCondition.read(environment, ENABLED);
        if (enabled != null) {
            return new ConditionOutcome(enabled, ENABLED + "=" + enabled);
        }
        if (!HierarchicalPropertiesEvaluator.evaluate(environment, "camel.component",
                RocketMQComponentConfiguration.PREFIX)
            || !HierarchicalPropertiesEvaluator.evaluate(environment, "camel.component.customizer",
                RocketMQComponentConfiguration.PREFIX + ".customizer")) {
            // nothing would point the component at it
            return ConditionOutcome.noMatch("the starter's configuration of the " + COMPONENT + " component is"
                                            + " switched off (set " + ENABLED + "=true to start the broker anyway)");
        }
        String namesrvAddr = environment.getProperty(NAMESRV_ADDR);
        if (namesrvAddr != null && !namesrvAddr.isBlank()) {
            return ConditionOutcome.noMatch(NAMESRV_ADDR + "=" + namesrvAddr);
        }
        if (definesTheComponent(context.getBeanFactory())) {
            return ConditionOutcome.noMatch("the application defines its own " + COMPONENT + " component bean (set "
                                            + ENABLED + "=true to start the embedded broker for it)");
        }
        return ConditionOutcome.match(NAMESRV_ADDR + " is not set");
    }

    @Override
    public ConfigurationPhase getConfigurationPhase() {
        return ConfigurationPhase.REGISTER_BEAN;
    }

    /** Whether the application registered a RocketMQComponent under the name Camel resolves rocketmq: with. */
    private static boolean definesTheComponent(ConfigurableListableBeanFactory beanFactory) {
        return beanFactory != null
               && Arrays.asList(beanFactory.getBeanNamesForType(RocketMQComponent.class, true, false)).contains(COMPONENT);
    }
}
