package io.rocketcamel.starter;

import java.beans.PropertyDescriptor;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * A starter feature's on/off property, read as Spring binds a boolean (true/false, on/off, yes/no, 1/0), anything
 * else refused naming the property: a blank value too (such as {@code ${SAGA:}} with the variable unset), which the
 * feature's properties class, refusing names it cannot bind, would refuse less clearly.
 * Spring's @ConditionalOnProperty compares text: "on" and "yes" left the console and the saga service off, the
 * metrics stayed on for anything but "false", and a misspelt value went unnoticed either way.
 * <p>
 * A name under the feature's prefix that its properties do not have is refused too, on or off: the properties are
 * bound only while the feature is on, so a misspelt switch went unnoticed. Here rather than with the properties' own
 * ignoreUnknownFields=false, which judges the environment's variables too.
 */
public abstract class SwitchCondition extends SpringBootCondition {

    private static final ConversionService BOOLEANS = ApplicationConversionService.getSharedInstance();

    private final String prefix;
    private final Class<?> properties;
    private final String property;
    private final boolean whenNotSet;

    /**
     * @param prefix     the feature's properties' prefix; its switch is prefix.enabled
     * @param properties the class its properties bind to; null when the switch is its only property
     */
    protected SwitchCondition(String prefix, Class<?> properties, boolean whenNotSet) {
        this.prefix = prefix;
        this.properties = properties;
        this.property = prefix + ".enabled";
        this.whenNotSet = whenNotSet;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        refuseUnknownNames(context.getEnvironment(), prefix, properties);
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

    /**
     * @throws IllegalArgumentException naming the first property under the prefix that the class does not have (and
     *                                  where it was set), and the names the prefix has
     */
    static void refuseUnknownNames(Environment environment, String prefix, Class<?> properties) {
        Set<String> known = properties == null ? Set.of("enabled")
                : Arrays.stream(BeanUtils.getPropertyDescriptors(properties)).filter(d -> d.getWriteMethod() != null)
                        .map(PropertyDescriptor::getName).collect(Collectors.toCollection(TreeSet::new));
        Set<String> uniform = known.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        ConfigurationPropertyName root = ConfigurationPropertyName.of(prefix);
        int depth = root.getNumberOfElements();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            // the environment's variables hold names no one chose: Kubernetes adds ROCKETCAMEL_CONSOLE_SERVICE_HOST
            // for a service named rocketcamel-console, which would stop every start with the console off
            if (!(source instanceof IterableConfigurationPropertySource iterable)
                || source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource) {
                continue;
            }
            ConfigurationPropertyName unknown = iterable.filter(root::isAncestorOf).stream()
                    .filter(name -> !uniform.contains(name.getElement(depth, Form.UNIFORM))).findFirst().orElse(null);
            if (unknown != null) {
                ConfigurationProperty set = iterable.getConfigurationProperty(unknown);
                throw new IllegalArgumentException(unknown + (set != null && set.getOrigin() != null
                        ? " (" + set.getOrigin() + ")" : "") + " is no property of " + prefix + ", which has "
                        + known.stream().map(SwitchCondition::dashed).collect(Collectors.joining(", ")));
            }
        }
    }

    private static String dashed(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
