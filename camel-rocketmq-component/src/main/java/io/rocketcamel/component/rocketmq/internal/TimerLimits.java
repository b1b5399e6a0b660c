package io.rocketcamel.component.rocketmq.internal;

import java.time.Duration;

/** The longest delay RocketMQ's brokers accept for a timer message, shared by the producer's delay and the saga service. */
public final class TimerLimits {

    /**
     * The brokers' default {@code timerMaxDelaySec} (3 days): a timer message due later is refused with CODE 13 "timer
     * message illegal, the delay time should not be bigger than the max delay 259200000ms". A cluster whose brokers
     * are configured higher lets the producer's {@code maxDelay} and the saga service's {@code maxTimeout} be raised
     * to match.
     */
    public static final Duration DEFAULT_TIMER_MAX_DELAY = Duration.ofDays(3);

    private TimerLimits() {
    }
}
