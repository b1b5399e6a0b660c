package io.rocketcamel.starter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.broker.EmbeddedRocketMQBrokerBuilder;
import org.apache.rocketmq.remoting.protocol.NamespaceUtil;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The embedded Apache RocketMQ broker. Validated by handing every value to the broker's own builder at bind time, so
 * a bad value fails the start naming its property, with the builder's reason.
 */
@ConfigurationProperties(prefix = EmbeddedBrokerProperties.PREFIX)
public class EmbeddedBrokerProperties implements Validator {

    public static final String PREFIX = "rocketcamel.embedded-broker";

    /**
     * Start the embedded broker: true always, false never; when not set, it starts exactly when
     * camel.component.rocketmq.namesrv-addr is not set and the application declares no RocketMQComponent bean named
     * rocketmq (a component configured in code).
     */
    private Boolean enabled;
    /**
     * Keep the store (messages, offsets, RocketMQ's logs) in this directory across restarts. When not set, a temporary
     * directory deleted on shutdown.
     */
    private Path storeDir;
    /**
     * Flush every write to disk before acknowledging it (slower; survives power loss).
     */
    private boolean syncFlush;
    /**
     * The broker's delay levels (messageDelayLevel), for example "1s 5s 10s". When not set, RocketMQ's 18 levels from
     * 1s to 2h. Also the delays between a consumer's retries (retry n uses level n + 2). The component's
     * delay-level-count follows it, so an endpoint asking for a level the broker lacks fails.
     */
    private String delayLevels;
    /**
     * How often the broker looks for undecided transactional (half) messages to check back.
     */
    private Duration transactionCheckInterval = Duration.ofSeconds(60);
    /**
     * How old an undecided half message must be before it is checked back.
     */
    private Duration transactionTimeout = Duration.ofSeconds(6);
    /**
     * How many check-backs before an undecided half message is dropped.
     */
    private int transactionCheckMax = 15;
    /**
     * Address the name server and brokers bind and advertise.
     */
    private String host = "127.0.0.1";
    /**
     * Name server port; 0 picks a free one.
     */
    private int namesrvPort;
    /**
     * Port of the first broker; 0 picks a free one.
     */
    private int brokerPort;
    /**
     * Number of brokers under the one name server.
     */
    private int brokers = 1;
    /**
     * Topics to create at start, name to queue count (otherwise a topic is created on first send with 4 queues), in
     * the namespace of camel.component.rocketmq.namespace when it is set.
     */
    private Map<String, Integer> topics = new LinkedHashMap<>();
    /**
     * Ordered (FIFO) topics to create at start, name to queue count, in the namespace of
     * camel.component.rocketmq.namespace when it is set.
     */
    private Map<String, Integer> orderedTopics = new LinkedHashMap<>();
    /**
     * Any other BrokerConfig or MessageStoreConfig setting by its Java field name, for example
     * enablePropertyFilter=true.
     */
    private Map<String, String> brokerProperties = new LinkedHashMap<>();
    /**
     * With secret-key: turn on RocketMQ 5 authentication (ACL) with this user as the broker's super user; clients must
     * then sign with the same keys (camel.component.rocketmq.access-key and secret-key).
     */
    private String accessKey;
    /**
     * The secret of access-key.
     */
    private String secretKey;

    /**
     * A builder carrying every property; each rejected value goes to {@code onError} as (property, reason). The topics
     * are created in {@code namespace} (null for none), where the component's routes look for them.
     */
    EmbeddedRocketMQBrokerBuilder toBuilder(ErrorSink onError, String namespace) {
        EmbeddedRocketMQBrokerBuilder builder = EmbeddedRocketMQBroker.builder().storeDir(storeDir).syncFlush(syncFlush);
        apply("host", onError, () -> builder.host(host));
        apply("namesrvPort", onError, () -> builder.namesrvPort(namesrvPort));
        apply("brokerPort", onError, () -> builder.brokerPort(brokerPort));
        apply("brokers", onError, () -> builder.brokers(brokers));
        apply("transactionCheckInterval", onError, () -> builder.transactionCheckInterval(transactionCheckInterval));
        apply("transactionTimeout", onError, () -> builder.transactionTimeout(transactionTimeout));
        apply("transactionCheckMax", onError, () -> builder.transactionCheckMax(transactionCheckMax));
        if (delayLevels != null) {
            apply("delayLevels", onError, () -> builder.delayLevels(delayLevels));
        }
        eachEntry("topics", topics, onError,
                (name, queues) -> builder.topic(NamespaceUtil.wrapNamespace(namespace, name), queues));
        eachEntry("orderedTopics", orderedTopics, onError,
                (name, queues) -> builder.orderedTopic(NamespaceUtil.wrapNamespace(namespace, name), queues));
        eachEntry("brokerProperties", brokerProperties, onError, builder::brokerProperty);
        if (accessKey != null || secretKey != null) {
            String named = accessKey == null || accessKey.isBlank() ? "accessKey" : "secretKey";
            apply(named, onError, () -> builder.authentication(accessKey, secretKey));
        }
        return builder;
    }

    private static <V> void eachEntry(String property, Map<String, V> entries, ErrorSink onError,
            BiConsumer<String, V> step) {
        entries.forEach((key, value) -> apply(property + "[" + key + "]", onError, () -> step.accept(key, value)));
    }

    private static void apply(String property, ErrorSink onError, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            onError.reject(property, e.getMessage());
        }
    }

    @Override
    public boolean supports(Class<?> type) {
        return EmbeddedBrokerProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        ((EmbeddedBrokerProperties) target).toBuilder((property, reason) -> {
            String message = qualified(property) + ": " + reason;
            if (property.contains("[")) {
                errors.reject("invalid", message);
            } else {
                errors.rejectValue(property, "invalid", message);
            }
        }, null);
    }

    /** The property as it is written in configuration: {@code namesrvPort} to {@code rocketcamel.embedded-broker.namesrv-port}. */
    static String qualified(String property) {
        int key = property.indexOf('[');
        String name = key < 0 ? property : property.substring(0, key);
        return PREFIX + "." + DataObjectPropertyName.toDashedForm(name) + (key < 0 ? "" : property.substring(key));
    }

    /** Receives a rejected property (its Java name) and the broker builder's reason. */
    @FunctionalInterface
    interface ErrorSink {
        void reject(String property, String reason);
    }

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public Path getStoreDir() {
        return storeDir;
    }

    public void setStoreDir(Path storeDir) {
        this.storeDir = storeDir;
    }

    public boolean isSyncFlush() {
        return syncFlush;
    }

    public void setSyncFlush(boolean syncFlush) {
        this.syncFlush = syncFlush;
    }

    public String getDelayLevels() {
        return delayLevels;
    }

    public void setDelayLevels(String delayLevels) {
        this.delayLevels = delayLevels;
    }

    public Duration getTransactionCheckInterval() {
        return transactionCheckInterval;
    }

    public void setTransactionCheckInterval(Duration transactionCheckInterval) {
        this.transactionCheckInterval = transactionCheckInterval;
    }

    public Duration getTransactionTimeout() {
        return transactionTimeout;
    }

    public void setTransactionTimeout(Duration transactionTimeout) {
        this.transactionTimeout = transactionTimeout;
    }

    public int getTransactionCheckMax() {
        return transactionCheckMax;
    }

    public void setTransactionCheckMax(int transactionCheckMax) {
        this.transactionCheckMax = transactionCheckMax;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getNamesrvPort() {
        return namesrvPort;
    }

    public void setNamesrvPort(int namesrvPort) {
        this.namesrvPort = namesrvPort;
    }

    public int getBrokerPort() {
        return brokerPort;
    }

    public void setBrokerPort(int brokerPort) {
        this.brokerPort = brokerPort;
    }

    public int getBrokers() {
        return brokers;
    }

    public void setBrokers(int brokers) {
        this.brokers = brokers;
    }

    public Map<String, Integer> getTopics() {
        return topics;
    }

    public void setTopics(Map<String, Integer> topics) {
        this.topics = topics;
    }

    public Map<String, Integer> getOrderedTopics() {
        return orderedTopics;
    }

    public void setOrderedTopics(Map<String, Integer> orderedTopics) {
        this.orderedTopics = orderedTopics;
    }

    public Map<String, String> getBrokerProperties() {
        return brokerProperties;
    }

    public void setBrokerProperties(Map<String, String> brokerProperties) {
        this.brokerProperties = brokerProperties;
    }

    public String getAccessKey() {
        return accessKey;
    }

    public void setAccessKey(String accessKey) {
        this.accessKey = accessKey;
    }

    public String getSecretKey() {
        return secretKey;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }
}
