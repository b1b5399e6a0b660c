package io.rocketcamel.component.rocketmq;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.GeneratedPropertyConfigurer;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.support.EndpointHelper;

/**
 * A generated configurer that checks each option's text before binding it ({@link OptionTexts}): Camel binds an
 * endpoint's URI options and the component's own properties (Camel Main's {@code camel.component.rocketmq.*})
 * through it, and read text it could not parse as 0.
 */
final class CheckingConfigurer implements GeneratedPropertyConfigurer, PropertyConfigurerGetter {

    private final GeneratedPropertyConfigurer binding;
    private final PropertyConfigurerGetter options;

    <C extends GeneratedPropertyConfigurer & PropertyConfigurerGetter> CheckingConfigurer(C generated) {
        this.binding = generated;
        this.options = generated;
    }

    @Override
    public boolean configure(CamelContext camelContext, Object target, String name, Object value, boolean ignoreCase) {
        if (value instanceof String text && !EndpointHelper.isReferenceParameter(text)) {
            OptionTexts.check(name, text, options.getOptionType(name, ignoreCase));
        }
        return binding.configure(camelContext, target, name, value, ignoreCase);
    }

    @Override
    public Class<?> getOptionType(String name, boolean ignoreCase) {
        return options.getOptionType(name, ignoreCase);
    }

    @Override
    public Object getOptionValue(Object target, String name, boolean ignoreCase) {
        return options.getOptionValue(target, name, ignoreCase);
    }

    @Override
    public String[] getAutowiredNames() {
        return options.getAutowiredNames();
    }

    @Override
    public Object getCollectionValueType(Object target, String name, boolean ignoreCase) {
        return options.getCollectionValueType(target, name, ignoreCase);
    }
}
