package io.rocketcamel.starter;

import java.util.LinkedHashMap;
import java.util.Map;

import io.rocketcamel.testsupport.ComponentCatalog;
import org.apache.camel.util.json.JsonArray;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;

/** The metadata Spring Boot's configuration processor generated for this module, read as the component's catalog is. */
final class StarterMetadata {

    private StarterMetadata() {
    }

    /**
     * Property name to its entry: the component's properties and the starter's own ({@code rocketcamel.*}). This
     * module's metadata is the first on the test class path (target/classes precedes the jars).
     */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> properties() {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        JsonArray properties = (JsonArray) ComponentCatalog.read("META-INF/spring-configuration-metadata.json").get("properties");
        for (Object entry : properties) {
            Map<String, Object> property = (Map<String, Object>) entry;
            String name = String.valueOf(property.get("name"));
            if (name.startsWith(RocketMQComponentConfiguration.PREFIX + ".") || name.startsWith("rocketcamel.")) {
                byName.put(name, property);
            }
        }
        return byName;
    }

    /** The property of a component option: camel.component.rocketmq. and the option in kebab case. */
    static String property(String option) {
        return RocketMQComponentConfiguration.PREFIX + "." + DataObjectPropertyName.toDashedForm(option);
    }

    /** An entry's text, empty when the entry has none. */
    static String text(Map<String, Object> entry, String key) {
        Object value = entry.get(key);
        return value == null ? "" : String.valueOf(value);
    }
}
