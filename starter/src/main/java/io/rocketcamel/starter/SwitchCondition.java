package io.rocketcamel.starter;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * A starter feature's on/off property, read as Spring binds a boolean (true/false, on/off, yes/no, 1/0), anything
 * else refused naming the property: a blank value too (such as {@code ${SAGA:}} with the variable unset), which the
 * feature's properties class, refusing names it cannot bind, would refuse less clearly.
 * Spring's @ConditionalOnProperty compares text: "on" and "yes" left the console and the saga service off, the
 * metrics stayed on for anything but "false", and a misspelt value went unnoticed either way.
 */
public abstract class SwitchCondition extends SpringBootCondition {

    private static final ConversionService BOOLEANS = ApplicationConversionService.getSharedInstance();

    private final String property;
    private final boolean whenNotSet;

    protected SwitchCondition(String property, boolean whenNotSet) {
        this.property = property;
        this.whenNotSet = whenNotSet;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Boolean on = read(context.getEnvironment(), property);
        return new ConditionOutcome(on != null ? on : whenNotSet, property + (on == null ? " is not set" : "=" + on));
    }

    /**
     * @return the switch's value; null when it is not set
     * @throws IllegalArgumentException naming the property when its value is no boolean
     */
    static Boolean read(Environment environment, String property) {
        String value = environment.getProperty(property);
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            // before, a NullPointerException in the embedded broker's condition, naming nothing
            throw new IllegalArgumentException(property + " is blank: set true or false, or leave it out");
        }
        try {
            return BOOLEANS.convert(value.trim(), Boolean.class);
        } catch (ConversionException e) {
            throw new IllegalArgumentException(property + "=" + value + " is not a boolean: use true or false", e);
        }
    }
}
