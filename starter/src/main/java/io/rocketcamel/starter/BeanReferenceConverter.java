package io.rocketcamel.starter;

import java.util.Set;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.springframework.context.ApplicationContext;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * Lets the object-typed options ({@code configuration}, {@code header-filter-strategy}) name a bean, as
 * {@code #bean:name} or {@code #name}, the way camel-spring-boot's generated starters do.
 */
class BeanReferenceConverter implements GenericConverter {

    private final ApplicationContext applicationContext;

    BeanReferenceConverter(ApplicationContext applicationContext) {
        this.applicationContext = applicationContext;
    }

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return Set.of(new ConvertiblePair(String.class, RocketMQConfiguration.class),
                new ConvertiblePair(String.class, HeaderFilterStrategy.class));
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        if (source == null) {
            return null;
        }
        String reference = source.toString();
        if (!reference.startsWith("#")) {
            throw new IllegalArgumentException("Expected a bean reference (#bean:name or #name), got '" + reference + "'");
        }
        String name = reference.startsWith("#bean:") ? reference.substring("#bean:".length()) : reference.substring(1);
        return applicationContext.getBean(name, targetType.getType());
    }
}
