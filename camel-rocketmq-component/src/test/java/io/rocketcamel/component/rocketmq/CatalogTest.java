package io.rocketcamel.component.rocketmq;

import java.beans.Introspector;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.EndpointUriFactory;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every option of {@link RocketMQConfiguration} reaches Camel's tooling: the generated URI factory, the catalog JSON
 * (with a description) for endpoints and for the component.
 */
class CatalogTest {

    private static List<String> configurationOptions() {
        return Arrays.stream(RocketMQConfiguration.class.getMethods())
                .filter(m -> m.getName().startsWith("set") && m.getParameterCount() == 1)
                .map(Method::getName)
                .map(name -> Introspector.decapitalize(name.substring(3)))
                .toList();
    }

    @Test
    void everyOptionIsInTheUriFactoryAndTheCatalog() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.start();
            EndpointUriFactory factory = context.getCamelContextExtension().getEndpointUriFactory("rocketmq");
            String json = context.getComponentParameterJsonSchema("rocketmq");
            JsonObject catalog = (JsonObject) org.apache.camel.util.json.Jsoner.deserialize(json);

            assertThat(factory.propertyNames()).containsAll(configurationOptions()).contains("topicName");
            assertThat(factory.secretPropertyNames()).containsExactlyInAnyOrder("accessKey", "secretKey");
            JsonObject endpointOptions = catalog.getMap("properties");
            JsonObject componentOptions = catalog.getMap("componentProperties");
            for (String option : configurationOptions()) {
                assertThat(endpointOptions.containsKey(option)).as("endpoint option %s", option).isTrue();
                assertThat((String) endpointOptions.getMap(option).get("description")).as("description of %s", option)
                        .isNotBlank();
                assertThat(componentOptions.containsKey(option)).as("component option %s", option).isTrue();
            }
        }
    }
}
