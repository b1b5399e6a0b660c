package io.rocketcamel.benchmarks.system;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogDigestTest {

    @Test
    void warningsAndErrorsAreCountedPerLevelAndLoggerWithTheFirstMessage() {
        List<String> digest = LogDigest.of(List.of(
                "06:34:39.725 WARN  order-saga - Order o-1 cancelled: payment_declined",
                "06:34:39.726 INFO  order-saga - Order o-2 shipped",
                "06:34:39.727 WARN  order-saga - Order o-3 cancelled: payment_declined",
                "06:34:40.001 ERROR GroupProducer - Could not tell the broker COMMIT",
                "\tat java.base/java.lang.Thread.run(Thread.java:840)"));

        assertThat(digest).containsExactly("WARN order-saga x2, first: Order o-1 cancelled: payment_declined",
                "ERROR GroupProducer x1, first: Could not tell the broker COMMIT");
    }
}
