package io.rocketcamel.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.beans.PropertyDescriptor;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.rocketcamel.starter.console.ConsoleProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.convert.DurationStyle;

class StarterDefaultsMetadataTest {

    /**
     * The IDE and the tables of docs/spring-boot.md show a property's default from the metadata: the configuration
     * processor leaves it out when the field starts from a constant of another module (the saga topics showed none).
     */
    @Test
    void everyDefaultOfTheStartersOwnPropertiesIsInTheMetadata() {
        Map<String, Map<String, Object>> metadata = StarterMetadata.properties();
        int checked = 0;
        List<Object> starters = List.of(new SagaProperties(), new ConsoleProperties(), new EmbeddedBrokerProperties());
        for (Object properties : starters) {
            String prefix = properties.getClass().getAnnotation(ConfigurationProperties.class).prefix();
            BeanWrapper bean = new BeanWrapperImpl(properties);
            for (PropertyDescriptor descriptor : bean.getPropertyDescriptors()) {
                Object value = descriptor.getWriteMethod() == null ? null : bean.getPropertyValue(descriptor.getName());
                if (value == null || value instanceof Collection<?> list && list.isEmpty()
                    || value instanceof Map<?, ?> map && map.isEmpty()) {
                    continue;
                }
                String name = prefix + "." + DataObjectPropertyName.toDashedForm(descriptor.getName());
                String shown = StarterMetadata.text(metadata.get(name), "defaultValue");
                assertThat(shown).as(name + " starts as " + value).isNotEmpty();
                Object meant = value instanceof Duration ? DurationStyle.detectAndParse(shown) : shown;
                assertThat(meant).as(name).isEqualTo(value instanceof Duration ? value : String.valueOf(value));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(15);
    }
}
