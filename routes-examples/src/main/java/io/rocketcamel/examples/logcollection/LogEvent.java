package io.rocketcamel.examples.logcollection;

/** One log line a service publishes; {@code level} becomes the RocketMQ tag, so filtering by level is the broker's job. */
public record LogEvent(String id, String service, String level, String message, long latencyMs) {
}
