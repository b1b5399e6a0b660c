package io.rocketcamel.component.rocketmq;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.rocketcamel.component.rocketmq.consumer.RocketMQConsumer;
import io.rocketcamel.component.rocketmq.internal.OptionExpression;
import io.rocketcamel.component.rocketmq.producer.RocketMQProducer;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.MultipleConsumersSupport;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Send and receive messages to and from Apache RocketMQ: ordered, delayed and timed, batched, filtered, broadcast and
 * request-reply.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "rocketmq", title = "RocketMQ", syntax = "rocketmq:topicName",
             category = { Category.MESSAGING }, headersClass = RocketMQConstants.class)
public class RocketMQEndpoint extends DefaultEndpoint implements MultipleConsumersSupport {

    @UriPath
    @Metadata(required = true)
    private String topicName;
    @UriParam
    private RocketMQConfiguration configuration;

    private OptionExpression keys;
    private OptionExpression orderKey;
    private OptionExpression tags;
    /** The names of the options set on the URI, as it spelled them. */
    private Set<String> uriOptions = Set.of();
    /** Its options are the same for each producer and consumer it makes (a route added again): named once. */
    private final AtomicBoolean producerWarned = new AtomicBoolean();
    private final AtomicBoolean consumerWarned = new AtomicBoolean();
    private final Set<String> notices = ConcurrentHashMap.newKeySet();
    private OptionExpression messageGroup;

    public RocketMQEndpoint() {
    }

    public RocketMQEndpoint(String uri, RocketMQComponent component, RocketMQConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public RocketMQComponent getComponent() {
        return (RocketMQComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        if (producerWarned.compareAndSet(false, true)) {
            OptionValidator.warnIgnoredProducerOptions(optionLevels(), getEndpointUri());
            OptionSides.warnOnProducer(uriOptions, getEndpointUri());
        }
        OptionValidator.validateProducerTopic(topicName, configuration.getNamespace());
        return new RocketMQProducer(this);
    }

    private OptionLevels optionLevels() {
        return new OptionLevels(getComponent().getConfiguration(), configuration, uriOptions);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        OptionValidator.validateConsumer(configuration, getEndpointUri());
        if (consumerWarned.compareAndSet(false, true)) {
            OptionValidator.warnIgnoredConsumerOptions(optionLevels(), getEndpointUri());
            OptionSides.warnOnConsumer(uriOptions, getEndpointUri());
        }
        RocketMQConsumer consumer = new RocketMQConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /**
     * Checks the options and compiles the expression options, so bad values fail when the endpoint is created.
     *
     * @param uriOptions the names of the options set on the endpoint's URI
     */
    void validateOptions(Collection<String> uriOptions) {
        this.uriOptions = Set.copyOf(uriOptions);
        MigrationAliases.apply(getComponent().getConfiguration(), configuration, uriOptions,
                getComponent().migrationHints());
        OptionValidator.validate(configuration);
        OptionValidator.validateTopic(topicName, configuration.getNamespace());
        keys = OptionExpression.of(getCamelContext(), "keys", configuration.getKeys());
        orderKey = OptionExpression.of(getCamelContext(), "orderKey", configuration.getOrderKey());
        messageGroup = OptionExpression.of(getCamelContext(), "messageGroup", configuration.getMessageGroup());
        // a constant tag stays a constant: no evaluation per exchange
        String sendTags = MigrationAliases.sendTags(configuration);
        tags = OptionExpression.isExpression(sendTags) ? OptionExpression.of(getCamelContext(), "tags", sendTags)
                : null;
    }

    /**
     * The configured group, or one derived from the topic; characters RocketMQ refuses in group names (such as those of
     * a toD endpoint's unresolved topic) become underscores.
     */
    public String producerGroup() {
        if (configuration.getProducerGroup() != null) {
            return configuration.getProducerGroup();
        }
        return ("rocketcamel-producer-" + topicName).replaceAll("[^%|a-zA-Z0-9_-]", "_");
    }

    @Override
    public boolean isMultipleConsumersSupported() {
        // consumers of one group share the topic's queues (or each get all of them when broadcasting)
        return true;
    }

    /**
     * Whether a notice on how this endpoint's clients run (a bound its settings put on them) is new: given once per
     * endpoint, as the option warnings are, not at each start of a route; a different one (other brokers) is new.
     */
    public boolean firstNotice(String notice) {
        return notices.add(notice);
    }

    /** A client instance name of its own for a new client of this endpoint (see the component's). */
    public String nextInstanceName() {
        return getComponent().nextInstanceName();
    }

    /** The compiled tags option when it reads the exchange, or {@code null} (none, or a constant tag). */
    public OptionExpression getTags() {
        return tags;
    }

    /** The compiled keys option, or {@code null}. */
    public OptionExpression getKeys() {
        return keys;
    }

    /** The compiled orderKey option, or {@code null}. */
    public OptionExpression getOrderKey() {
        return orderKey;
    }

    /** The compiled messageGroup option, or {@code null}. */
    public OptionExpression getMessageGroup() {
        return messageGroup;
    }

    public String getTopicName() {
        return topicName;
    }

    /**
     * The topic to send to or consume from.
     */
    public void setTopicName(String topicName) {
        this.topicName = topicName;
    }

    public RocketMQConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(RocketMQConfiguration configuration) {
        this.configuration = configuration;
    }
}
