package io.rocketcamel.examples.demo;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for an end state with a deadline; the caller reports what was reached either way. */
public final class Await {

    private Await() {
    }

    public static boolean until(Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
