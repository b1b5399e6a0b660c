package io.rocketcamel.examples.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One application instance's local configuration, as the broadcast updates leave it. It is kept in a file beside the
 * node's broadcast offsets, written before an update's exchange completes (so before its offset moves): a restarted
 * node resumes after its stored offsets, so it must come back with the config those offsets account for. A crash
 * between the write and the offset's move only replays updates, which versions make harmless.
 */
public class ConfigNode {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, ConfigUpdate>> ENTRIES = new TypeReference<>() {
    };

    private final String name;
    private final Path file;
    private final Map<String, ConfigUpdate> entries;

    /** A node keeping its config in {@code directory}, starting with what it kept there before. */
    public ConfigNode(String name, Path directory) {
        this.name = name;
        this.file = directory.resolve(name + ".json");
        this.entries = read(file);
    }

    public String name() {
        return name;
    }

    /**
     * Applies an update unless this node already has a newer version of the key. Memory follows the file: an update
     * applied in memory before a write that failed was taken for applied by the consumer's retry, which then wrote
     * nothing, and a restart came back without it.
     */
    public synchronized void apply(ConfigUpdate update) {
        ConfigUpdate current = entries.get(update.key());
        if (current == null || supersedes(update, current)) {
            Map<String, ConfigUpdate> next = new HashMap<>(entries);
            next.put(update.key(), update);
            write(next);
            entries.put(update.key(), update);
        }
    }

    /**
     * A newer version wins; of two updates with one version, the greater value, so that every node keeps the same one
     * whatever order broadcasting brought them in (kept in arrival order, nodes kept different values for good).
     */
    private static boolean supersedes(ConfigUpdate update, ConfigUpdate current) {
        if (update.version() != current.version()) {
            return update.version() > current.version();
        }
        return String.valueOf(update.value()).compareTo(String.valueOf(current.value())) > 0;
    }

    public synchronized Map<String, String> snapshot() {
        Map<String, String> values = new TreeMap<>();
        entries.forEach((key, update) -> values.put(key, update.value()));
        return values;
    }

    private void write(Map<String, ConfigUpdate> kept) {
        try {
            Path next = file.resolveSibling(file.getFileName() + ".next");
            JSON.writeValue(next.toFile(), kept);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // the exchange fails, so the update's offset stays and the consumer retries it
            throw new UncheckedIOException("Cannot keep config node " + name + "'s config in " + file, e);
        }
    }

    private static Map<String, ConfigUpdate> read(Path file) {
        if (!Files.exists(file)) {
            return new HashMap<>();
        }
        try {
            return new HashMap<>(JSON.readValue(file.toFile(), ENTRIES));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the config kept in " + file, e);
        }
    }
}
