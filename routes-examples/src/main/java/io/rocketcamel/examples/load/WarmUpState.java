package io.rocketcamel.examples.load;

/**
 * Where a warm-up stands: a cold start piles units up until the JIT has compiled the routes, and measuring before that
 * pile is gone measures the warm-up. How long that takes varies from run to run: the saga at 8,000 a minute on a
 * quiet machine was within its target after 21 s in one run and after 64 s in another (1,077 in flight at 48 s).
 */
enum WarmUpState {

    /** The units that finished in the last second had a p99 within the scenario's target. */
    SETTLED,
    /** Not within the target yet: warming on may help. */
    RECOVERING,
    /**
     * Not within the target and the callers are {@link #BEHIND_SECONDS} or more behind the rate: the rate is more than
     * the machine carries, and warming on only piles up more units for the measured time to wait behind.
     */
    OVERLOADED;

    /**
     * Far more than a cold start: the saga at 8,000 a minute left 1 unit queued at its warm-up's end, at 100,000 a
     * minute 64,347 (38 s of units) after 60 s.
     */
    static final double BEHIND_SECONDS = 10;

    /**
     * @param lastP99Millis  the p99 of the units that finished in the last second, 0 when none did
     * @param secondsBehind  the units waiting for a caller, in seconds of the rate
     */
    static WarmUpState of(double lastP99Millis, double targetMillis, double secondsBehind) {
        if (lastP99Millis > 0 && lastP99Millis <= targetMillis) {
            return SETTLED;
        }
        return secondsBehind >= BEHIND_SECONDS ? OVERLOADED : RECOVERING;
    }
}
