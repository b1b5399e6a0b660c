package io.rocketcamel.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.rocketcamel.broker.junit.EmbeddedRocketMQ;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The extension as the test classes below meet it, each run through the JUnit launcher (they are nested classes,
 * which Surefire and Failsafe do not run on their own).
 */
class EmbeddedRocketMQExtensionIT {

    /** A negative value was taken as "the default" without a word. */
    @Test
    void aNegativeAnnotationDurationIsRejectedNamingTheAttribute() {
        NegativeInterval.seenInterval = 0;
        TestExecutionSummary summary = run(NegativeInterval.class);
        assertThat(summary.getTotalFailureCount()).as("the class ran against a broker with transactionCheckInterval "
                + NegativeInterval.seenInterval + " ms").isEqualTo(1);
        assertThat(firstFailure(summary)).hasMessage("@EmbeddedRocketMQ transactionCheckIntervalMs must be 0 (the"
                + " default, 60000 ms) or more, was -5000");
    }

    /** A class's own broker closes with the class: its address used to stay published. */
    @Test
    void theAddressPropertyDoesNotOutliveAClassesOwnBroker() {
        String before = System.getProperty(EmbeddedRocketMQBroker.NAMESRV_ADDR_PROPERTY);
        System.clearProperty(EmbeddedRocketMQBroker.NAMESRV_ADDR_PROPERTY);
        try {
            TestExecutionSummary summary = run(OwnBroker.class);
            assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
            assertThat(OwnBroker.seen).as("the address during the class").isNotNull();
            assertThat(System.getProperty(EmbeddedRocketMQBroker.NAMESRV_ADDR_PROPERTY))
                    .as("the address of the class's broker (" + OwnBroker.seen + "), closed with the class")
                    .isNull();
        } finally {
            if (before != null) {
                System.setProperty(EmbeddedRocketMQBroker.NAMESRV_ADDR_PROPERTY, before);
            }
        }
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
                .build(), listener);
        return listener.getSummary();
    }

    private static Throwable firstFailure(TestExecutionSummary summary) {
        assertThat(summary.getFailures()).isNotEmpty();
        Throwable failure = summary.getFailures().get(0).getException();
        // JUnit wraps what a parameter resolver throws
        return failure.getCause() != null && failure.getClass().getName().endsWith("ParameterResolutionException")
                ? failure.getCause() : failure;
    }

    @EmbeddedRocketMQ(shared = false, transactionCheckIntervalMs = -5000)
    static class NegativeInterval {
        static volatile long seenInterval;

        @Test
        void runs(EmbeddedRocketMQBroker broker) {
            seenInterval = broker.getBrokerController("broker-a").getBrokerConfig().getTransactionCheckInterval();
        }
    }

    @EmbeddedRocketMQ(shared = false)
    static class OwnBroker {
        static volatile String seen;

        @Test
        void runs(EmbeddedRocketMQBroker broker) {
            seen = System.getProperty(EmbeddedRocketMQBroker.NAMESRV_ADDR_PROPERTY);
        }
    }
}
