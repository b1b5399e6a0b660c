package io.rocketcamel.component.rocketmq;

/**
 * How a producer waits for the broker.
 */
public enum SendMode {
    /** The calling thread waits for the broker's answer. */
    SYNC,
    /** The route continues in the client's send callback; no thread waits. */
    ASYNC,
    /** Fire and forget: nothing is confirmed and a lost message goes unnoticed. */
    ONEWAY
}
