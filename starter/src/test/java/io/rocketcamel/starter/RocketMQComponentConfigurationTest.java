package io.rocketcamel.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;

/**
 * The guard for the hand-written {@link RocketMQComponentConfiguration}: fails as soon as the component's catalog
 * gains, loses or changes an option the starter does not match, so the starter never silently falls behind.
 */
class RocketMQComponentConfigurationTest {

    /** Properties of camel-spring-boot's common part, which configure the auto-configuration, not the component. */
    private static final Set<String> STARTER_ONLY = Set.of("enabled", "customizer.enabled");
    /** Deliberately different: unset means "use the embedded broker" instead of the component's localhost:9876. */
    private static final Set<String> OWN_DEFAULTS = Set.of("namesrvAddr");

    private final Map<String, JsonNode> options = ComponentCatalog.componentOptions();
    private final Map<String, JsonNode> properties = ComponentCatalog.starterProperties();

    @Test
    void everyComponentOptionHasAProperty() {
        Set<String> missing = new TreeSet<>();
        options.keySet().forEach(option -> {
            if (!properties.containsKey(property(option))) {
                missing.add(property(option));
            }
        });
        assertThat(missing).as("component options the starter does not bind; add them to RocketMQComponentConfiguration")
                .isEmpty();
        assertThat(options).hasSizeGreaterThan(30);
    }

    @Test
    void everyPropertyIsAComponentOption() {
        Set<String> known = new TreeSet<>();
        options.keySet().forEach(option -> known.add(property(option)));
        STARTER_ONLY.forEach(name -> known.add(RocketMQComponentConfiguration.PREFIX + "." + name));
        Set<String> extra = new TreeSet<>(properties.keySet());
        extra.removeIf(name -> !name.startsWith(RocketMQComponentConfiguration.PREFIX + "."));
        extra.removeAll(known);
        assertThat(extra).as("properties without a component option").isEmpty();
    }

    @Test
    void typesAndDefaultsMatchTheCatalog() {
        Map<String, String> mismatches = new HashMap<>();
        options.forEach((option, catalog) -> {
            JsonNode property = properties.get(property(option));
            if (property == null) {
                return;
            }
            String expectedType = javaType(catalog);
            if (!expectedType.equals(property.get("type").asText())) {
                mismatches.put(option, "type " + property.get("type").asText() + ", catalog wants " + expectedType);
            }
            String expectedDefault = OWN_DEFAULTS.contains(option) ? null : normalizedDefault(catalog);
            String actualDefault = starterDefault(property);
            if (expectedDefault == null ? actualDefault != null : !expectedDefault.equals(actualDefault)) {
                mismatches.put(option, "default " + actualDefault + ", catalog says " + expectedDefault);
            }
            if (!property.hasNonNull("description") || property.get("description").asText().isBlank()) {
                mismatches.put(option, "no description for the IDE");
            }
        });
        assertThat(mismatches).isEmpty();
    }

    private static String property(String option) {
        return RocketMQComponentConfiguration.PREFIX + "." + ComponentCatalog.kebab(option);
    }

    private static String javaType(JsonNode catalog) {
        String javaType = catalog.get("javaType").asText();
        return switch (catalog.get("type").asText()) {
            case "duration" -> "java.time.Duration";
            case "integer" -> javaType.equals("long") ? "java.lang.Long" : "java.lang.Integer";
            case "boolean" -> "java.lang.Boolean";
            default -> javaType;
        };
    }

    private static String normalizedDefault(JsonNode catalog) {
        if (!catalog.hasNonNull("defaultValue")) {
            return null;
        }
        String value = catalog.get("defaultValue").asText();
        return "enum".equals(catalog.get("type").asText()) ? value.toUpperCase() : value;
    }

    /** Durations in milliseconds and enum constants in their Java spelling, as the catalog writes them. */
    private static String starterDefault(JsonNode property) {
        if (!property.hasNonNull("defaultValue")) {
            return null;
        }
        String value = property.get("defaultValue").asText();
        String type = property.get("type").asText();
        if (type.equals("java.time.Duration")) {
            return Long.toString(DurationStyle.detectAndParse(value).toMillis());
        }
        if (type.startsWith("io.rocketcamel.")) {
            return value.toUpperCase().replace('-', '_');
        }
        return value;
    }
}
