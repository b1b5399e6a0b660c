package io.rocketcamel.examples.config;

/** A new value for one configuration key; versions grow per key, so replays and reordering are harmless. */
public record ConfigUpdate(String key, String value, long version) {
}
