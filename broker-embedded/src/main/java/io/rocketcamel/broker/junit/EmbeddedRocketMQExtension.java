package io.rocketcamel.broker.junit;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.broker.EmbeddedRocketMQBrokerBuilder;
import io.rocketcamel.broker.Layout;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.rocketmq.store.config.BrokerRole;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
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
 * A field-registered extension starts its own broker for the class; JUnit closes it with the class's extension
 * store, and a shared one with the root store at the end of the run.
 */
public class EmbeddedRocketMQExtension implements BeforeAllCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(EmbeddedRocketMQExtension.class);
    private static final String CLASS_BROKER = "class-broker";

    private final Supplier<EmbeddedRocketMQBrokerBuilder> builder;
    private volatile EmbeddedRocketMQBroker broker;

    /** Used by {@link EmbeddedRocketMQ}: the settings come from the annotation. */
    public EmbeddedRocketMQExtension() {
        this.builder = null;
    }

    /** A broker of its own for the class that registers this extension. */
    public EmbeddedRocketMQExtension(EmbeddedRocketMQBrokerBuilder builder) {
        this.builder = () -> builder;
    }

    /** The broker of the current class; available from {@code @BeforeAll} on. */
    public EmbeddedRocketMQBroker getBroker() {
        if (broker == null) {
            throw new IllegalStateException("The embedded broker starts before the test class; it is not running yet");
        }
        return broker;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (builder != null) {
            broker = context.getStore(NAMESPACE)
                    .getOrComputeIfAbsent(CLASS_BROKER, k -> new StoppableBroker(builder.get().start()), StoppableBroker.class)
                    .broker();
        } else {
            EmbeddedRocketMQ settings = annotationOf(context.getRequiredTestClass())
                    .orElseThrow(() -> new IllegalStateException("@ExtendWith(EmbeddedRocketMQExtension.class) needs "
                            + "@EmbeddedRocketMQ on the class, or register the extension as a field with a builder"));
            AnnotationSettings annotation = new AnnotationSettings(settings);
            ExtensionContext owner = settings.shared() ? context.getRoot() : context;
            broker = owner.getStore(NAMESPACE)
                    .getOrComputeIfAbsent(annotation.key(), k -> new StoppableBroker(annotation.builder().start()),
                            StoppableBroker.class)
                    .broker();
            annotation.createTopics(broker);
        }
        System.setProperty(EmbeddedRocketMQBroker.NAMESRV_ADDR_PROPERTY, broker.getNamesrvAddr());
    }

    /**
     * The class's own annotation or, for a {@code @Nested} class, its enclosing class's: JUnit hands the enclosing
     * class's extensions on to its nested classes and calls beforeAll for each of them.
     */
    private static Optional<EmbeddedRocketMQ> annotationOf(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            Optional<EmbeddedRocketMQ> found = AnnotationSupport.findAnnotation(type, EmbeddedRocketMQ.class);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == EmbeddedRocketMQBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return getBroker();
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
            if (annotation.transactionCheckIntervalMs() > 0) {
                builder.transactionCheckInterval(Duration.ofMillis(annotation.transactionCheckIntervalMs()));
            }
            if (annotation.transactionTimeoutMs() > 0) {
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
