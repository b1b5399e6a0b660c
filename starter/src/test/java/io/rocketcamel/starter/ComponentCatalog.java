package io.rocketcamel.starter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rocketcamel.starter.console.ConsoleProperties;

/** The component's options as its generated catalog ({@code rocketmq.json}) lists them, and the starter's metadata. */
final class ComponentCatalog {

    static final String CATALOG = "META-INF/io/rocketcamel/component/rocketmq/rocketmq.json";

    private ComponentCatalog() {
    }

    /** Component option name to its catalog entry. */
    static Map<String, JsonNode> componentOptions() {
        JsonNode options = read(CATALOG).get("componentProperties");
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        options.fields().forEachRemaining(entry -> byName.put(entry.getKey(), entry.getValue()));
        return byName;
    }

    /** Property name to its entry in the metadata the configuration processor generated for this module. */
    static Map<String, JsonNode> starterProperties() {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (Iterator<JsonNode> it = read("META-INF/spring-configuration-metadata.json").get("properties").elements();
                it.hasNext();) {
            JsonNode property = it.next();
            String name = property.get("name").asText();
            if (name.startsWith(RocketMQComponentConfiguration.PREFIX + ".")
                    || name.startsWith(EmbeddedBrokerProperties.PREFIX + ".")
                    || name.startsWith(ConsoleProperties.PREFIX + ".")) {
                byName.put(name, property);
            }
        }
        return byName;
    }

    static String kebab(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static JsonNode read(String resource) {
        // this module's metadata is the first on the test classpath (target/classes precedes the jars)
        try (InputStream in = ComponentCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
