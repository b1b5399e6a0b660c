package io.rocketcamel.starter.console;

/**
 * Messages and failures of one route or endpoint: totals, and per second over the last five minutes in a ring of
 * one-second slots, each stamped with its second so that a slot from a lap ago counts as empty. A few additions per
 * exchange under an uncontended lock, no allocation.
 */
final class Rate {

    private static final int SECONDS = 300;
    private static final int THROUGHPUT_SECONDS = 60;

    private final long[] stamps = new long[SECONDS];
    private final long[] messageSlots = new long[SECONDS];
    private final long[] failureSlots = new long[SECONDS];
    private final long createdSecond;
    private long messages;
    private long failures;

    Rate(long nowMillis) {
        createdSecond = nowMillis / 1000;
    }

    synchronized void record(int count, boolean failed, long nowMillis) {
        long second = nowMillis / 1000;
        int slot = (int) (second % SECONDS);
        if (stamps[slot] != second) {
            stamps[slot] = second;
            messageSlots[slot] = 0;
            failureSlots[slot] = 0;
        }
        messages += count;
        messageSlots[slot] += count;
        if (failed) {
            failures += count;
            failureSlots[slot] += count;
        }
    }

    /** Messages per second over the last whole minute (or the whole seconds since the rate was created). */
    synchronized double perSecond(long nowMillis) {
        long now = nowMillis / 1000;
        long seconds = Math.max(1, Math.min(THROUGHPUT_SECONDS, now - createdSecond));
        return (double) sum(messageSlots, now - seconds, now) / seconds;
    }

    /** Failed messages in the last five minutes, this second included. */
    synchronized long recentFailures(long nowMillis) {
        long now = nowMillis / 1000;
        return sum(failureSlots, now - SECONDS + 1, now + 1);
    }

    synchronized long messages() {
        return messages;
    }

    synchronized long failures() {
        return failures;
    }

    /** The slots of the seconds from {@code first} up to, not including, {@code end}. */
    private long sum(long[] slots, long first, long end) {
        long sum = 0;
        for (long second = first; second < end; second++) {
            int slot = (int) (second % SECONDS);
            if (stamps[slot] == second) {
                sum += slots[slot];
            }
        }
        return sum;
    }
}
