package io.rocketcamel.reliability;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.awaitility.core.ConditionTimeoutException;

/** Waiting for a condition with a deadline (Awaitility), never for a fixed time. */
final class Waits {

    private static final Duration POLL = Duration.ofMillis(50);

    private Waits() {
    }

    static void until(String what, Duration atMost, BooleanSupplier condition) {
        await(what).atMost(atMost).pollDelay(Duration.ZERO).pollInterval(POLL).until(condition::getAsBoolean);
    }

    /** Waits until {@code condition} holds or {@code atMost} passed. @return whether the condition holds */
    static boolean within(Duration atMost, BooleanSupplier condition) {
        try {
            await().atMost(atMost).pollDelay(Duration.ZERO).pollInterval(POLL).until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            return false;
        }
        return true;
    }

    /**
     * Waits until {@code condition} holds, or until {@code progress} stopped changing for {@code stall} (a consumer
     * that will never get the rest), or {@code atMost} passed. @return whether the condition holds
     */
    static boolean untilOrStalled(Duration atMost, Duration stall, IntSupplier progress, BooleanSupplier condition) {
        long[] lastChange = {System.nanoTime()};
        int[] last = {progress.getAsInt()};
        try {
            await().atMost(atMost).pollDelay(Duration.ZERO).pollInterval(POLL).until(() -> {
                if (condition.getAsBoolean()) {
                    return true;
                }
                int current = progress.getAsInt();
                if (current != last[0]) {
                    last[0] = current;
                    lastChange[0] = System.nanoTime();
                }
                return System.nanoTime() - lastChange[0] > stall.toNanos();
            });
        } catch (ConditionTimeoutException e) {
            return false;
        }
        return condition.getAsBoolean();
    }
}
