package io.rocketcamel.broker.junit;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.broker.EmbeddedRocketMQBrokerBuilder;
import io.rocketcamel.broker.Layout;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.store.config.BrokerRole;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 support for {@link EmbeddedRocketMQBroker}, used through {@link EmbeddedRocketMQ} or as a field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static EmbeddedRocketMQExtension rocketmq = new EmbeddedRocketMQExtension(
 *         EmbeddedRocketMQBroker.builder().delayLevels("1s 2s").topic("orders", 4));
 * }</pre>
 *
 * A field-registered extension starts its own broker for the class; the field must be static (or the class
 * {@code @TestInstance(PER_CLASS)}): in an instance field JUnit creates the extension anew for each test method and
 * never calls its beforeAll, so it is refused, saying so, instead of starting a broker per method. JUnit closes it with
 * the class's extension
 * store, and a shared one with the root store at the end of the run. Each class's broker is found through JUnit's
 * extension store, not kept in the extension: JUnit hands one extension instance to a class and its {@code @Nested}
 * classes, so a nested class with a broker of its own used to take over its enclosing class's. A constructor that
 * takes the broker under {@code @TestInstance(PER_CLASS)} runs before any beforeAll: it starts the broker then.
 */
public class EmbeddedRocketMQExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(EmbeddedRocketMQExtension.class);

    private final EmbeddedRocketMQBrokerBuilder builder;
    /**
     * Only of a field-registered extension: the brokers of the classes it serves now, by class context. One static
     * field in a base class serves every subclass, each with a broker of its own, and classes may run in parallel.
     */
    private final Map<String, EmbeddedRocketMQBroker> serving = new ConcurrentHashMap<>();
    /** The broker of the class whose callbacks, setup or test method this thread runs. */
    private final ThreadLocal<EmbeddedRocketMQBroker> current = new ThreadLocal<>();
    private volatile boolean beforeAllCalled;

    /** Used by {@link EmbeddedRocketMQ}: the settings come from the annotation. */
    public EmbeddedRocketMQExtension() {
        this.builder = null;
    }

    /** A broker of its own for the class that registers this extension. */
    public EmbeddedRocketMQExtension(EmbeddedRocketMQBrokerBuilder builder) {
        this.builder = builder;
    }

    /**
     * The broker of the class that registers this extension as a field; available from {@code @BeforeAll} on. Where
     * one extension serves several classes at once (a static field of a base class, its subclasses run in parallel),
     * the broker of the class whose test or setup method calls; it answered with whichever class had started last.
     */
    public EmbeddedRocketMQBroker getBroker() {
        EmbeddedRocketMQBroker mine = current.get();
        if (mine != null) {
            return mine;
        }
        // a nested class without a builder of its own shares its enclosing class's broker
        List<EmbeddedRocketMQBroker> brokers = serving.values().stream().distinct().toList();
        if (brokers.isEmpty()) {
            throw new IllegalStateException("The embedded broker starts before the test class; it is not running yet");
        }
        if (brokers.size() > 1) {
            throw new IllegalStateException("This extension serves " + brokers.size() + " test classes at once, each"
                    + " with a broker of its own: call getBroker() from a test or setup method, or take the broker as a"
                    + " parameter (EmbeddedRocketMQBroker broker)");
        }
        return brokers.get(0);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        beforeAllCalled = true;
        EmbeddedRocketMQBroker broker = brokerOf(context);
        if (builder != null) {
            current.set(broker);
        }
        PublishedAddresses.publish(context.getUniqueId(), broker.getNamesrvAddr());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        serving.remove(context.getUniqueId());
        current.remove();
        PublishedAddresses.withdraw(context.getUniqueId());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (builder != null) {
            current.set(brokerOf(context));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        current.remove();
    }

    /**
     * The broker of the test class that {@code context} belongs to, started on first use. JUnit's store looks up a key
     * in the enclosing contexts too, so a nested class without settings of its own finds its enclosing class's broker.
     */
    private EmbeddedRocketMQBroker brokerOf(ExtensionContext context) {
        if (builder != null) {
            if (!beforeAllCalled && context.getTestInstanceLifecycle().orElse(Lifecycle.PER_METHOD) == Lifecycle.PER_METHOD) {
                // each method's new extension instance would start a broker kept until the class ends
                throw new IllegalStateException("EmbeddedRocketMQExtension is registered in the instance field "
                        + instanceField(context.getRequiredTestClass()) + ": JUnit creates it anew for each test method"
                        + " and never calls its beforeAll, so each method would start a broker of its own; register it"
                        + " in a static field (@RegisterExtension static EmbeddedRocketMQExtension ...), or annotate the"
                        + " class @TestInstance(Lifecycle.PER_CLASS)");
            }
            // keyed by this instance: a nested class registering a builder of its own gets a broker of its own
            ExtensionContext classContext = classContext(context, context.getRequiredTestClass());
            EmbeddedRocketMQBroker broker = classContext.getStore(NAMESPACE)
                    .getOrComputeIfAbsent(this, k -> new StoppableBroker(builder.start()), StoppableBroker.class)
                    .broker();
            serving.put(classContext.getUniqueId(), broker);
            return broker;
        }
        Class<?> declaring = annotatedClass(context.getRequiredTestClass());
        EmbeddedRocketMQ settings = AnnotationSupport.findAnnotation(declaring, EmbeddedRocketMQ.class).orElseThrow();
        ExtensionContext classContext = classContext(context, declaring);
        AnnotationSettings annotation = new AnnotationSettings(settings);
        ExtensionContext owner = settings.shared() ? context.getRoot() : classContext;
        String key = settings.shared() ? annotation.key() : annotation.key() + "|" + classContext.getUniqueId();
        EmbeddedRocketMQBroker started = owner.getStore(NAMESPACE)
                .getOrComputeIfAbsent(key, k -> new StoppableBroker(annotation.builder().start()), StoppableBroker.class)
                .broker();
        classContext.getStore(NAMESPACE).getOrComputeIfAbsent("topics|" + classContext.getUniqueId(), k -> {
            annotation.createTopics(started);
            return Boolean.TRUE;
        }, Boolean.class);
        return started;
    }

    private String instanceField(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && EmbeddedRocketMQExtension.class.isAssignableFrom(field.getType())) {
                    return type.getName() + "." + field.getName();
                }
            }
        }
        return "of " + testClass.getName();
    }

    /**
     * The class with the annotation: the test class or, for a {@code @Nested} class without one, the nearest
     * enclosing class that has it (JUnit hands the enclosing class's extensions on to its nested classes).
     */
    private static Class<?> annotatedClass(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            if (AnnotationSupport.isAnnotated(type, EmbeddedRocketMQ.class)) {
                return type;
            }
        }
        throw new IllegalStateException("@ExtendWith(EmbeddedRocketMQExtension.class) needs @EmbeddedRocketMQ on "
                + testClass.getName() + " or an enclosing class, or register the extension as a field with a builder");
    }

    /** The class-level context of {@code type} among {@code context} and its parents (a method's context has one). */
    private static ExtensionContext classContext(ExtensionContext context, Class<?> type) {
        for (Optional<ExtensionContext> each = Optional.of(context); each.isPresent(); each = each.get().getParent()) {
            ExtensionContext candidate = each.get();
            if (candidate.getTestMethod().isEmpty() && candidate.getTestClass().filter(type::equals).isPresent()) {
                return candidate;
            }
        }
        return context;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == EmbeddedRocketMQBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return brokerOf(extensionContext);
    }

    /** Lets JUnit's store close the broker together with the context that owns it. */
    record StoppableBroker(EmbeddedRocketMQBroker broker) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            broker.close();
        }
    }

    /** The annotation's values as builder settings, plus a key that tells brokers of different settings apart. */
    private record AnnotationSettings(EmbeddedRocketMQ annotation) {

        String key() {
            return String.join("|", "broker", annotation.delayLevels(),
                    Long.toString(annotation.transactionCheckIntervalMs()), Long.toString(annotation.transactionTimeoutMs()),
                    Integer.toString(annotation.brokers()), annotation.masterRole().name(), annotation.layout().name(),
                    String.join(",", annotation.brokerProperties()),
                    annotation.shared() ? "shared" : "own");
        }

        EmbeddedRocketMQBrokerBuilder builder() {
            EmbeddedRocketMQBrokerBuilder builder = EmbeddedRocketMQBroker.builder();
            if (annotation.layout() != Layout.ONE_MASTER) {
                if (annotation.brokers() != 1 || annotation.masterRole() != BrokerRole.ASYNC_MASTER) {
                    throw new IllegalArgumentException("@EmbeddedRocketMQ: give brokers (" + annotation.brokers()
                            + ") and masterRole (" + annotation.masterRole() + ") or layout (" + annotation.layout()
                            + "), not both");
                }
                builder.cluster(annotation.layout());
            } else {
                builder.brokers(annotation.brokers(), annotation.masterRole());
            }
            if (!annotation.delayLevels().isBlank()) {
                builder.delayLevels(annotation.delayLevels());
            }
            if (nonNegative("transactionCheckIntervalMs", annotation.transactionCheckIntervalMs(), 60_000) > 0) {
                builder.transactionCheckInterval(Duration.ofMillis(annotation.transactionCheckIntervalMs()));
            }
            if (nonNegative("transactionTimeoutMs", annotation.transactionTimeoutMs(), 6_000) > 0) {
                builder.transactionTimeout(Duration.ofMillis(annotation.transactionTimeoutMs()));
            }
            for (String property : annotation.brokerProperties()) {
                int eq = property.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("@EmbeddedRocketMQ brokerProperties entry '" + property
                            + "' is not of the form key=value");
                }
                builder.brokerProperty(property.substring(0, eq).trim(), property.substring(eq + 1));
            }
            return builder;
        }

        /** 0 means the default; a negative value was taken for it too, hiding a sign error in the test's settings. */
        private static long nonNegative(String attribute, long value, long defaultMs) {
            if (value < 0) {
                throw new IllegalArgumentException("@EmbeddedRocketMQ " + attribute + " must be 0 (the default, "
                        + defaultMs + " ms) or more, was " + value);
            }
            return value;
        }

        void createTopics(EmbeddedRocketMQBroker broker) {
            for (String topic : annotation.topics()) {
                broker.createTopic(topic, annotation.queues());
            }
            for (String topic : annotation.orderedTopics()) {
                broker.createOrderedTopic(topic, annotation.queues());
            }
        }
    }
}
