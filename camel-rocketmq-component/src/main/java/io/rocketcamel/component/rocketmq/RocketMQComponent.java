package io.rocketcamel.component.rocketmq;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

import io.rocketcamel.component.rocketmq.internal.ClientInstanceNames;
import io.rocketcamel.component.rocketmq.transaction.GroupProducers;
import io.rocketcamel.component.rocketmq.transaction.TransactionalToDs;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

/**
 * Sends to and consumes from Apache RocketMQ with the official remoting client. Each consumer and producer adds a
 * readiness check to Camel's health-check registry when one is present (camel-health), as camel-kafka does.
 */
@Component("rocketmq")
public class RocketMQComponent extends HealthCheckComponent {

    private static final PropertyConfigurer COMPONENT_CONFIGURER =
            new CheckingConfigurer(new RocketMQComponentConfigurer());
    private static final PropertyConfigurer ENDPOINT_CONFIGURER =
            new CheckingConfigurer(new RocketMQEndpointConfigurer());

    private final GroupProducers groupProducers = new GroupProducers();
    private final Set<String> migrationHints = ConcurrentHashMap.newKeySet();

    @Metadata
    private RocketMQConfiguration configuration = new RocketMQConfiguration();
    private ScheduledExecutorService routeWatches;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("A rocketmq endpoint needs a topic: rocketmq:topic[?options], got " + uri);
        }
        RocketMQEndpoint endpoint = new RocketMQEndpoint(uri, this, configuration.copy());
        endpoint.setTopicName(remaining);
        // binding takes the options out of the map; which were on the URI decides between the component's defaults
        // and the endpoint's own values where Apache's option names and ours meet
        Set<String> uriOptions = Set.copyOf(parameters.keySet());
        setProperties(endpoint, parameters);
        endpoint.validateOptions(uriOptions);
        return endpoint;
    }

    /**
     * Apache's camel-rocketmq ships configurers under the same service names ({@code rocketmq-component},
     * {@code rocketmq-endpoint}); with both jars on the classpath Camel could hand this component the other's
     * configurer and fail binding options with a ClassCastException. The generated ones are pinned here.
     */
    @Override
    public PropertyConfigurer getComponentPropertyConfigurer() {
        return COMPONENT_CONFIGURER;
    }

    @Override
    public PropertyConfigurer getEndpointPropertyConfigurer() {
        return ENDPOINT_CONFIGURER;
    }

    public RocketMQConfiguration getConfiguration() {
        return configuration;
    }

    /**
     * The options every endpoint of this component starts from.
     */
    public void setConfiguration(RocketMQConfiguration configuration) {
        this.configuration = configuration;
    }

    /** The transactional clients, one per producer group, that the component's transactional endpoints share. */
    public GroupProducers groupProducers() {
        return groupProducers;
    }

    /**
     * The one thread on which the component's consumers watch their topics' queues and their allocations, the reply
     * consumers of replyToTopic producers too.
     */
    public synchronized ScheduledExecutorService routeWatches() {
        if (routeWatches == null) {
            routeWatches = getCamelContext().getExecutorServiceManager()
                    .newSingleThreadScheduledExecutor(this, "RocketMQTopicRouteWatch");
        }
        return routeWatches;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        getCamelContext().addLifecycleStrategy(new TransactionalToDs());
    }

    /** At the start, not at init: a component is initialised as it is added, and may be configured after that. */
    @Override
    protected void doStart() throws Exception {
        super.doStart();
        validateOptions();
    }

    /**
     * Checks the component's own options as an endpoint's are checked: every endpoint starts from them, so a bad value
     * fails once, when the component starts, rather than at each endpoint that does not override it.
     *
     * @throws IllegalArgumentException naming the option, its value and what is allowed
     */
    public void validateOptions() {
        try {
            OptionValidator.validate(configuration);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The rocketmq component's own options are refused: " + e.getMessage(),
                    e);
        }
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (routeWatches != null) {
            getCamelContext().getExecutorServiceManager().shutdown(routeWatches);
            routeWatches = null;
        }
        super.doStop();
    }

    /** The Apache camel-rocketmq option names this component already hinted at (once each). */
    Set<String> migrationHints() {
        return migrationHints;
    }

    /** The instance name of a client this component starts, shared with no other client ({@link ClientInstanceNames}). */
    String nextInstanceName() {
        return ClientInstanceNames.next("rocketcamel-" + getCamelContext().getName());
    }
}
