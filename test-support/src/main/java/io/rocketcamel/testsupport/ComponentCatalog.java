package io.rocketcamel.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.util.json.DeserializationException;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/**
 * The rocketmq component's generated catalog ({@code rocketmq.json}) as the tests of every module read it: option or
 * header name to its entry, in the catalog's order. The component must be on the test class path.
 */
public final class ComponentCatalog {

    public static final String RESOURCE = "META-INF/io/rocketcamel/component/rocketmq/rocketmq.json";

    private ComponentCatalog() {
    }

    public static Map<String, Map<String, Object>> componentOptions() {
        return section("componentProperties");
    }

    public static Map<String, Map<String, Object>> endpointOptions() {
        return section("properties");
    }

    public static Map<String, Map<String, Object>> headers() {
        return section("headers");
    }

    /** Any JSON resource of the class path (Spring's configuration metadata, for one). */
    public static JsonObject read(String resource) {
        try (InputStream in = ComponentCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test class path");
            }
            return (JsonObject) Jsoner.deserialize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DeserializationException e) {
            throw new IllegalStateException(resource + " is no JSON object", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> section(String name) {
        Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
        JsonObject section = read(RESOURCE).getMap(name);
        section.forEach((key, value) -> entries.put(key, (Map<String, Object>) value));
        return entries;
    }
}
