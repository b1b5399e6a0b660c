package io.rocketcamel.starter;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The embedded broker starts when {@code rocketcamel.embedded-broker.enabled} says so, or, when that is not set, when
 * no name server address is configured: moving to a cluster is setting that one address.
 */
class EmbeddedBrokerCondition extends SpringBootCondition {

    static final String NAMESRV_ADDR = RocketMQComponentConfiguration.PREFIX + ".namesrv-addr";
    static final String ENABLED = EmbeddedBrokerProperties.PREFIX + ".enabled";
    private static final ConversionService BOOLEANS = ApplicationConversionService.getSharedInstance();

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment environment = context.getEnvironment();
        String enabled = environment.getProperty(ENABLED);
        if (enabled != null) {
            return new ConditionOutcome(switchedOn(enabled), ENABLED + "=" + enabled);
        }
        String namesrvAddr = environment.getProperty(NAMESRV_ADDR);
        if (namesrvAddr == null || namesrvAddr.isBlank()) {
            return ConditionOutcome.match(NAMESRV_ADDR + " is not set");
        }
        return ConditionOutcome.noMatch(NAMESRV_ADDR + "=" + namesrvAddr);
    }

    /**
     * As Spring binds the property (true/false, on/off, yes/no, 1/0); Boolean.parseBoolean read "on" and a misspelt
     * "ture" as false, and the application ran without its broker, its component on localhost:9876.
     */
    private static boolean switchedOn(String enabled) {
        try {
            return BOOLEANS.convert(enabled.trim(), Boolean.class);
        } catch (ConversionException e) {
            throw new IllegalArgumentException(ENABLED + "=" + enabled + " is not a boolean: use true or false", e);
        }
    }
}
