package io.rocketcamel.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.rocketcamel.broker.junit.EmbeddedRocketMQ;
import io.rocketcamel.broker.junit.EmbeddedRocketMQExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The extension as the test classes below meet it, each run through the JUnit launcher (they are nested classes,
 * which Surefire and Failsafe do not run on their own).
 */
class EmbeddedRocketMQExtensionIT {

    /**
     * One static extension in a base class serves each subclass with a broker of its own; run in parallel, getBroker()
     * answered with the broker of whichever class had resolved last, in both, and once that class ended with a closed
     * broker (found by an outside audit, failed first here).
     */
    @Test
    void getBrokerAnswersEachOfTheClassesAFieldExtensionServesInParallelWithItsOwn() {
        FieldBase.bothStarted = new CountDownLatch(2);
        FieldBase.injected.clear();
        FieldBase.fromGetBroker.clear();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(parallel(selectClass(FieldSubA.class), selectClass(FieldSubB.class)),
                listener);

        assertThat(listener.getSummary().getFailures()).isEmpty();
        assertThat(listener.getSummary().getTestsSucceededCount()).isEqualTo(2);
        assertThat(FieldBase.injected.get("FieldSubA")).isNotEqualTo(FieldBase.injected.get("FieldSubB"));
        assertThat(FieldBase.fromGetBroker).as("getBroker() per class against the broker injected").isEqualTo(
                FieldBase.injected);
    }

    private static LauncherDiscoveryRequest parallel(DiscoverySelector... classes) {
        return LauncherDiscoveryRequestBuilder.request().selectors(classes)
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "2").build();
    }

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

    /**
     * Test classes run in parallel share the JVM's one address property: the first to finish restored what it found
     * before it (nothing), while the other's tests still ran and read no address.
     */
    @Test
    void theAddressPropertyStaysWhileAClassRunInParallelStillRuns() {
        String before = System.getProperty(EmbeddedRocketMQBroker.NAMESRV_ADDR_PROPERTY);
        System.clearProperty(EmbeddedRocketMQBroker.NAMESRV_ADDR_PROPERTY);
        ParallelSlow.fastEnded = new CountDownLatch(1);
        ParallelSlow.seen = null;
        try {
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            LauncherFactory.create().execute(parallel(selectClass(ParallelFast.class), selectClass(ParallelSlow.class)),
                    listener);

            assertThat(listener.getSummary().getFailures()).isEmpty();
            assertThat(listener.getSummary().getTestsSucceededCount()).isEqualTo(2);
            assertThat(ParallelSlow.seen).as("the address the slow class read after the fast one ended")
                    .isEqualTo(ParallelSlow.address);
            assertThat(System.getProperty(EmbeddedRocketMQBroker.NAMESRV_ADDR_PROPERTY)).as("after both").isNull();
        } finally {
            if (before != null) {
                System.setProperty(EmbeddedRocketMQBroker.NAMESRV_ADDR_PROPERTY, before);
            }
        }
    }

    /**
     * Registered in an instance field, the extension is created anew for each test method and JUnit never calls its
     * beforeAll: every method started another broker, all running until the class ended. It is refused, saying how to
     * register it.
     */
    @Test
    void anInstanceFieldExtensionIsRefusedSayingToMakeItStatic() {
        InstanceField.seen.clear();
        TestExecutionSummary summary = run(InstanceField.class);
        assertThat(summary.getTestsSucceededCount()).as("methods that ran, with brokers " + InstanceField.seen)
                .isZero();
        assertThat(summary.getTotalFailureCount()).isEqualTo(2);
        assertThat(firstFailure(summary)).hasMessageContaining("EmbeddedRocketMQExtension is registered in the instance"
                + " field " + InstanceField.class.getName() + ".rocketmq")
                .hasMessageContaining("register it in a static field");
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

    /** Declared before the broker's extension, so its afterAll runs after the broker's has restored the property. */
    @ExtendWith(ParallelFast.Ended.class)
    @EmbeddedRocketMQ
    static class ParallelFast {

        @Test
        void runs(EmbeddedRocketMQBroker broker) {
            assertThat(broker.getNamesrvAddr()).isNotBlank();
        }

        static final class Ended implements AfterAllCallback {
            @Override
            public void afterAll(ExtensionContext context) {
                ParallelSlow.fastEnded.countDown();
            }
        }
    }

    @EmbeddedRocketMQ
    static class ParallelSlow {
        static volatile CountDownLatch fastEnded = new CountDownLatch(1);
        static volatile String address;
        static volatile String seen;

        @Test
        void runs(EmbeddedRocketMQBroker broker) throws InterruptedException {
            address = broker.getNamesrvAddr();
            assertThat(fastEnded.await(60, TimeUnit.SECONDS)).as("the fast class ended").isTrue();
            seen = System.getProperty(EmbeddedRocketMQBroker.NAMESRV_ADDR_PROPERTY);
        }
    }

    static class InstanceField {
        static final List<String> seen = new CopyOnWriteArrayList<>();

        @RegisterExtension
        EmbeddedRocketMQExtension rocketmq = new EmbeddedRocketMQExtension(EmbeddedRocketMQBroker.builder());

        @Test
        void one(EmbeddedRocketMQBroker broker) {
            seen.add(broker.getNamesrvAddr());
        }

        @Test
        void two(EmbeddedRocketMQBroker broker) {
            seen.add(broker.getNamesrvAddr());
        }
    }

    abstract static class FieldBase {
        @RegisterExtension
        static EmbeddedRocketMQExtension rocketmq = new EmbeddedRocketMQExtension(EmbeddedRocketMQBroker.builder());
        static volatile CountDownLatch bothStarted;
        static final Map<String, String> injected = new ConcurrentHashMap<>();
        static final Map<String, String> fromGetBroker = new ConcurrentHashMap<>();

        @Test
        void runs(EmbeddedRocketMQBroker broker) throws InterruptedException {
            String name = getClass().getSimpleName();
            injected.put(name, broker.getNamesrvAddr());
            bothStarted.countDown();
            assertThat(bothStarted.await(60, TimeUnit.SECONDS)).as("both classes running").isTrue();
            fromGetBroker.put(name, rocketmq.getBroker().getNamesrvAddr());
        }
    }

    static class FieldSubA extends FieldBase {
    }

    static class FieldSubB extends FieldBase {
    }
}
