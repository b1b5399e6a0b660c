package io.rocketcamel.examples.config;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** One application instance's local configuration, as the broadcast updates leave it. */
public class ConfigNode {

    private final String name;
    private final Map<String, ConfigUpdate> entries = new ConcurrentHashMap<>();

    public ConfigNode(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Applies an update unless this node already has a newer version of the key. */
    public void apply(ConfigUpdate update) {
        entries.merge(update.key(), update, (current, candidate) -> candidate.version() > current.version() ? candidate : current);
    }

    public Map<String, String> snapshot() {
        Map<String, String> values = new TreeMap<>();
        entries.forEach((key, update) -> values.put(key, update.value()));
        return values;
    }
}
