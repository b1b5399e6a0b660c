package io.rocketcamel.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/**
 * The options our component really has, from its generated catalog: scenarios that need a later capability
 * (transactions, auto-batching) report it as not yet available instead of failing or being skipped silently.
 */
final class ComponentCatalog {

    static final String RESOURCE = "META-INF/io/rocketcamel/component/rocketmq/rocketmq.json";

    private final Map<String, Object> endpointOptions;

    private ComponentCatalog(Map<String, Object> endpointOptions) {
        this.endpointOptions = endpointOptions;
    }

    static ComponentCatalog load() {
        try (InputStream in = ComponentCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath: is camel-rocketmq-component installed?");
            }
            JsonObject catalog = (JsonObject) Jsoner.deserialize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return new ComponentCatalog(catalog.getMap("properties"));
        } catch (IOException | org.apache.camel.util.json.DeserializationException e) {
            throw new IllegalStateException("Cannot read " + RESOURCE, e);
        }
    }

    boolean hasOption(String name) {
        return endpointOptions.containsKey(name);
    }
}
