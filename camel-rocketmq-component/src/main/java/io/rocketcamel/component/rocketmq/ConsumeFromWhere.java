package io.rocketcamel.component.rocketmq;

/**
 * Where a consumer group with no stored offset starts reading.
 */
public enum ConsumeFromWhere {
    LAST_OFFSET,
    FIRST_OFFSET,
    /** From the time given by the {@code consumeTimestamp} option. */
    TIMESTAMP
}
