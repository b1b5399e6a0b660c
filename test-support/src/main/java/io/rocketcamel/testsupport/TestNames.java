package io.rocketcamel.testsupport;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names no other test of the run, and no earlier run on the same broker store, uses: a topic or group left over from
 * one test must never be seen by another.
 */
public final class TestNames {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TestNames() {
    }

    /** {@code prefix-<n>-<6 hex digits of the clock>}: valid as a RocketMQ topic, group or instance name. */
    public static String unique(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    }
}
