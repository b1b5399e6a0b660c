package io.rocketcamel.starter;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.rocketcamel.broker.DelayLevels;
import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.component.rocketmq.RocketMQComponent;
import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.BoundConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;

/**
 * Applies the {@code camel.component.rocketmq.*} properties the application set to the {@code rocketmq} component, and
 * points it at the embedded broker when no name server address is set. Unlike camel-spring-boot 4.17's generated
 * starters, which copy every non-null field of the properties class, so its defaults too, only properties Spring
 * actually bound are applied: a configuration bean or an application's own component keeps every value no property
 * was set for.
 */
@AutoConfiguration(after = { CamelAutoConfiguration.class, EmbeddedBrokerAutoConfiguration.class })
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@EnableConfigurationProperties({ ComponentConfigurationProperties.class, RocketMQComponentConfiguration.class })
@ConditionalOnHierarchicalProperties({ "camel.component", RocketMQComponentConfiguration.PREFIX })
public class RocketMQComponentAutoConfiguration {

    @Bean
    @ConfigurationPropertiesBinding
    static BeanReferenceConverter rocketMQBeanReferenceConverter(ApplicationContext applicationContext) {
        return new BeanReferenceConverter(applicationContext);
    }

    @Bean(destroyMethod = "close")
    BrokerAdmin rocketMQBrokerAdmin() {
        return new BrokerAdmin();
    }

    @Lazy
    @Bean
    ComponentCustomizer configureRocketMQComponent(ApplicationContext applicationContext, CamelContext camelContext,
            RocketMQComponentConfiguration configuration, ObjectProvider<EmbeddedRocketMQBroker> embeddedBroker) {
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                RocketMQComponent component = (RocketMQComponent) target;
                Map<String, Object> options = componentOptions(camelContext, configuration,
                        setOptions(applicationContext), embeddedBroker.getIfAvailable(), component.getConfiguration());
                // the helper takes out each option it set
                Set<String> names = Set.copyOf(options.keySet());
                CamelPropertiesHelper.setCamelProperties(camelContext, target, options, true);
                try {
                    component.validateOptions();
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(refused(e.getMessage(), names), e);
                }
            }

            /**
             * Only the component named rocketmq: camel-spring-boot's starters configure every instance of their
             * component class, so a second component for another cluster got this one's address and credentials.
             */
            @Override
            public boolean isEnabled(String name, Component target) {
                return HierarchicalPropertiesEvaluator.evaluate(applicationContext, "camel.component.customizer",
                        RocketMQComponentConfiguration.PREFIX + ".customizer") && target instanceof RocketMQComponent
                       && EmbeddedBrokerCondition.COMPONENT.equals(name);
            }
        };
    }

    /**
     * The component names the options it refuses in camelCase: the error names the properties the application set
     * them with, the ones to change. An option set in a configuration bean is named by the component alone.
     */
    static String refused(String message, Set<String> options) {
        List<String> properties = options.stream()
                .filter(option -> Pattern.compile("\\b" + Pattern.quote(option) + "\\b").matcher(message).find())
                .map(option -> RocketMQComponentConfiguration.PREFIX + "."
                               + DataObjectPropertyName.toDashedForm(option))
                .sorted().toList();
        return (properties.isEmpty() ? "" : "Refused: " + String.join(", ", properties) + ". ") + message;
    }

    /**
     * The options set as {@code camel.component.rocketmq.*} properties, in Spring's uniform form (lower case, no
     * dashes), as Spring Boot recorded them while binding the properties class (whatever the source's spelling:
     * send-timeout, sendTimeout, CAMEL_COMPONENT_ROCKETMQ_SENDTIMEOUT).
     */
    static Set<String> setOptions(ApplicationContext applicationContext) {
        ConfigurationPropertyName prefix = ConfigurationPropertyName.of(RocketMQComponentConfiguration.PREFIX);
        Set<String> set = new HashSet<>();
        BoundConfigurationProperties bound = BoundConfigurationProperties.get(applicationContext);
        if (bound != null) {
            bound.getAll().keySet().stream().filter(prefix::isAncestorOf).forEach(name -> set.add(
                    name.getElement(prefix.getNumberOfElements(), ConfigurationPropertyName.Form.UNIFORM)));
        }
        return set;
    }

    /**
     * The set properties as component options: durations in milliseconds, as the component takes them, and the
     * embedded broker's address unless an address was set: as a property, in the configuration bean, or on the
     * component itself (an application's own rocketmq component bean, configured in code). The properties class has
     * every option's default in its fields (for the IDE's metadata); those of options no property was set for are left
     * out, so that they cannot overwrite the configuration bean's or the component's own values.
     */
    static Map<String, Object> componentOptions(CamelContext camelContext, RocketMQComponentConfiguration configuration,
            Set<String> setOptions, EmbeddedRocketMQBroker embeddedBroker, RocketMQConfiguration current) {
        Map<String, Object> set = CamelPropertiesHelper.getNonNullProperties(camelContext, configuration);
        set.keySet().removeIf(option -> !setOptions.contains(option.toLowerCase(Locale.ROOT)));
        // the common part switches the auto-configuration itself, it is no component option
        set.remove("enabled");
        set.remove("customizer");
        // a whole configuration bean goes first, so that the single options refine it rather than being replaced
        Map<String, Object> options = new LinkedHashMap<>();
        Object base = set.remove("configuration");
        if (base != null) {
            options.put("configuration", base);
        }
        set.forEach((option, value) -> options.put(option, value instanceof Duration duration ? duration.toMillis() : value));
        // namesrv-addr=${MQ_ADDR:} with nothing to fill in is no address: the condition started the embedded broker
        String address = configuration.getNamesrvAddr();
        if (address != null && address.isBlank()) {
            options.remove("namesrvAddr");
            address = null;
        }
        if (address == null && embeddedBroker != null && !namesAnAddress(base) && !namesAnAddress(current)) {
            options.put("namesrvAddr", embeddedBroker.getNamesrvAddr());
            matchDelayLevels(options, embeddedBroker.getDelayLevels());
        }
        return options;
    }

    /**
     * The component checks the levels an endpoint asks for against delayLevelCount: with the embedded broker, that is
     * its levels' count. A broker with fewer levels delivers a higher level at its last one, so delayLevel=5 with
     * delay-levels "1s 5s 10s" was accepted and delivered after 10 s.
     */
    private static void matchDelayLevels(Map<String, Object> options, DelayLevels levels) {
        // only options the application set are here: an explicit 18, the component's default, is a setting too
        Object configured = options.get("delayLevelCount");
        if (configured == null) {
            options.put("delayLevelCount", levels.count());
        } else if (!configured.equals(levels.count())) {
            throw new IllegalArgumentException(RocketMQComponentConfiguration.PREFIX + ".delay-level-count=" + configured
                                               + " but the embedded broker has " + levels.count() + " delay levels ("
                                               + EmbeddedBrokerProperties.PREFIX + ".delay-levels=" + levels.spec()
                                               + "): remove delay-level-count, or set it to " + levels.count());
        }
    }

    /**
     * Whether a configuration bean, or the configuration a component already has, names a cluster of its own: an
     * address other than the component's default.
     */
    private static boolean namesAnAddress(Object base) {
        return base instanceof RocketMQConfiguration bean && bean.getNamesrvAddr() != null
               && !bean.getNamesrvAddr().equals(new RocketMQConfiguration().getNamesrvAddr());
    }
}
