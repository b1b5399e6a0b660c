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

    /** An exception no handler caught goes to the JVM's standard error without the app's pattern: it must show too. */
    @Test
    void exceptionsNoHandlerCaughtAreCountedPerExceptionWithTheFirstThread() {
        List<String> digest = LogDigest.of(List.of(
                "Exception in thread \"NettyClientPublicExecutor_1\" java.lang.OutOfMemoryError: Java heap space",
                "\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)",
                "Exception in thread \"PullMessageService\" java.lang.OutOfMemoryError: Java heap space",
                "Exception in thread \"main\" java.lang.IllegalStateException"));

        assertThat(digest).containsExactly(
                "UNCAUGHT java.lang.OutOfMemoryError x2, first: in thread NettyClientPublicExecutor_1: Java heap space",
                "UNCAUGHT java.lang.IllegalStateException x1, first: in thread main");
    }
}
