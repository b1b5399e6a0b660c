package io.rocketcamel.starter;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The embedded broker starts when {@code rocketcamel.embedded-broker.enabled} says so, or, when that is not set, when
 * no name server address is configured: moving to a cluster is setting that one address.
 */
class EmbeddedBrokerCondition extends SpringBootCondition {

    static final String NAMESRV_ADDR = RocketMQComponentConfiguration.PREFIX + ".namesrv-addr";
    static final String ENABLED = EmbeddedBrokerProperties.PREFIX + ".enabled";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment environment = context.getEnvironment();
        String enabled = environment.getProperty(ENABLED);
        if (enabled != null) {
            boolean on = Boolean.parseBoolean(enabled.trim());
            return new ConditionOutcome(on, ENABLED + "=" + enabled);
        }
        String namesrvAddr = environment.getProperty(NAMESRV_ADDR);
        if (namesrvAddr == null || namesrvAddr.isBlank()) {
            return ConditionOutcome.match(NAMESRV_ADDR + " is not set");
        }
        return ConditionOutcome.noMatch(NAMESRV_ADDR + "=" + namesrvAddr);
    }
}
