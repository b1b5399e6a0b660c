package io.rocketcamel.examples.config;

/** A new value for one configuration key; versions grow per key, so replays and reordering are harmless. */
public record ConfigUpdate(String key, String value, long version) {

    /**
     * Refused without a key, or without a version above 0: JSON without one reads as 0, which every kept version beats,
     * so each node would ignore the update without a word. Read from the topic, the refusal parks it on the dead letters.
     */
    public ConfigUpdate {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("A config update needs a key, got " + (key == null ? "none" : "a blank one"));
        }
        if (version <= 0) {
            throw new IllegalArgumentException("The config update of " + key + " needs a version above 0 (versions grow per"
                                               + " key), got " + version);
        }
    }
}
