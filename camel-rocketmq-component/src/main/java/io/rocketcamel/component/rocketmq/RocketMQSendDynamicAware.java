package io.rocketcamel.component.rocketmq;

import java.util.Objects;
import java.util.Set;

import io.rocketcamel.component.rocketmq.transaction.TransactionalSendPath;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.annotations.SendDynamic;
import org.apache.camel.support.EndpointHelper;
import org.apache.camel.support.LanguageSupport;
import org.apache.camel.support.component.SendDynamicAwareSupport;
import org.apache.camel.util.URISupport;

/**
 * Lets {@code toD("rocketmq:${header.region}-orders?...")} share one endpoint and producer for every topic it resolves
 * to: the resolved topic travels in {@link RocketMQConstants#OVERRIDE_TOPIC} and the endpoint is the one of the
 * unresolved URI.
 */
@SendDynamic("rocketmq")
public class RocketMQSendDynamicAware extends SendDynamicAwareSupport {

    private static final Set<String> EXPRESSION_OPTIONS = Set.of("keys", "orderKey", "messageGroup", "tags");

    private TransactionalSendPath groupMembership;

    @Override
    public boolean isLenientProperties() {
        return false;
    }

    @Override
    public DynamicAwareEntry prepare(Exchange exchange, String uri, String originalUri) {
        return new DynamicAwareEntry(uri, originalUri, null, null);
    }

    @Override
    public String resolveStaticUri(Exchange exchange, DynamicAwareEntry entry) {
        String uri = entry.getUri();
        String topic = topicOf(uri);
        String unresolvedTopic = topicOf(entry.getOriginalUri());
        if (topic == null || unresolvedTopic == null) {
            return null;
        }
        String query = URISupport.extractQuery(uri);
        String staticQuery = withExpressionsUnresolved(query, URISupport.extractQuery(entry.getOriginalUri()));
        if (topic.equals(unresolvedTopic) && Objects.equals(query, staticQuery)) {
            return null;
        }
        // in its place: the scheme may hold the topic's text (mq, rocket, e)
        return uri.substring(0, topicStart(uri)) + unresolvedTopic + (staticQuery == null ? "" : "?" + staticQuery);
    }

    /**
     * The resolved query, with the expression options (keys, orderKey, messageGroup) as the toD wrote them: the
     * endpoint evaluates them per exchange to the same values. Resolved by Camel first, every order id made an endpoint
     * of its own, each with a RocketMQ client started for it, kept in the toD's cache (up to 1000 of them); and a
     * missing header resolved to an empty order key, which sent the message to any queue instead of failing it.
     */
    private static String withExpressionsUnresolved(String query, String originalQuery) {
        if (query == null || originalQuery == null) {
            return query;
        }
        String[] resolved = query.split("&", -1);
        String[] original = originalQuery.split("&", -1);
        if (resolved.length != original.length) {
            return query;
        }
        for (int i = 0; i < resolved.length; i++) {
            String name = optionName(original[i]);
            if (EXPRESSION_OPTIONS.contains(name) && name.equals(optionName(resolved[i]))
                && LanguageSupport.hasSimpleFunction(original[i])) {
                resolved[i] = original[i];
            }
        }
        return String.join("&", resolved);
    }

    private static String optionName(String parameter) {
        int equals = parameter.indexOf('=');
        return equals < 0 ? parameter : parameter.substring(0, equals);
    }

    /**
     * The resolved topic goes into {@link RocketMQConstants#OVERRIDE_TOPIC} in the pre-processor, which Camel runs only
     * once the endpoint exists: set here, it stayed on an exchange whose endpoint Camel then failed to create (an
     * option's value resolved to one the option refuses), and the dead letter channel's send took it and stored the
     * message on the toD's topic. Tracers name the send when Camel announces it, before the pre-processor: they read
     * the topic from {@link DynamicTopic}, which only the toD's own endpoint answers to.
     */
    @Override
    public Processor createPreProcessor(Exchange exchange, DynamicAwareEntry entry) {
        String topic = topicOf(entry.getUri());
        String unresolved = topicOf(EndpointHelper.resolveEndpointUriPropertyPlaceholders(getCamelContext(), entry.getOriginalUri()));
        if (topic == null) {
            return null;
        }
        exchange.setProperty(DynamicTopic.PROPERTY, new DynamicTopic(unresolved, topic));
        return target -> {
            target.removeProperty(DynamicTopic.PROPERTY);
            if (target.getMessage().getHeader(RocketMQConstants.OVERRIDE_TOPIC) == null) {
                target.getMessage().setHeader(RocketMQConstants.OVERRIDE_TOPIC, topic);
                // a refusal of the topic names the toD, not a header the route never set
                target.setProperty(DynamicTopic.RESOLVED, topic);
            }
        };
    }

    /**
     * The topic a toD resolved, until its send takes it as {@link RocketMQConstants#OVERRIDE_TOPIC}.
     *
     * @param endpointTopic the topic of the toD's endpoint, expressions unresolved
     * @param topic         the resolved topic
     */
    public record DynamicTopic(String endpointTopic, String topic) {

        static final String PROPERTY = "CamelRocketMQDynamicTopic";
        /** The topic the toD's pre-processor put into the override header. */
        static final String RESOLVED = "CamelRocketMQDynamicTopicResolved";

        /** Names the topic to send to in a refusal: a toD's, or the override header's. */
        public static String source(Exchange exchange, String override) {
            return override.equals(exchange.getProperty(RESOLVED)) ? "toD's resolved topic "
                    : "Header " + RocketMQConstants.OVERRIDE_TOPIC + "=";
        }

        /** The topic a send to an endpoint of this topic goes to, when a toD resolved it; otherwise null. */
        public static String of(Exchange exchange, String endpointTopic) {
            DynamicTopic dynamic = exchange.getProperty(PROPERTY, DynamicTopic.class);
            return dynamic != null && dynamic.endpointTopic().equals(endpointTopic) ? dynamic.topic() : null;
        }
    }

    @Override
    public Processor createPostProcessor(Exchange exchange, DynamicAwareEntry entry) {
        return null;
    }

    /**
     * Called when the route of this aware's toD starts: joins the producer group of the toD's endpoint when that
     * endpoint is transactional and known before the first exchange, that is when only its topic and the options the
     * endpoint evaluates per exchange (keys, orderKey, messageGroup, tags) are expressions (every exchange's URI
     * resolves to it). Then a restarted application answers the check-backs for its
     * predecessor's half messages from the start; before, Camel created the endpoint only at the toD's first exchange,
     * and until then the broker found no client of the group to ask and dropped them after its last check. The
     * membership ends with the toD.
     *
     * @param toDUri the toD's URI as written, expressions unresolved
     */
    public synchronized void joinTransactionalGroup(String toDUri) throws Exception {
        if (groupMembership != null) {
            return;
        }
        String query = URISupport.extractQuery(EndpointHelper.resolveEndpointUriPropertyPlaceholders(getCamelContext(), toDUri));
        if (query != null && !expressionsOnlyInExpressionOptions(query)) {
            return;
        }
        Endpoint endpoint = getCamelContext().getEndpoint(toDUri);
        if (endpoint instanceof RocketMQEndpoint rocketmq && rocketmq.getConfiguration().isTransactional()) {
            groupMembership = TransactionalSendPath.start(rocketmq, () -> rocketmq.nextInstanceName());
        }
    }

    /**
     * Whether every expression of the query is in an option the endpoint evaluates per exchange: the toD's exchanges
     * then all use the endpoint of its URI as written.
     */
    private static boolean expressionsOnlyInExpressionOptions(String query) {
        for (String parameter : query.split("&")) {
            if (LanguageSupport.hasSimpleFunction(parameter) && !EXPRESSION_OPTIONS.contains(optionName(parameter))) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (groupMembership != null) {
            groupMembership.stop();
            groupMembership = null;
        }
        super.doStop();
    }

    /**
     * @return the topic of a {@code rocketmq:topic?options} or {@code rocketmq://topic?options} URI
     */
    static String topicOf(String uri) {
        int start = topicStart(uri);
        if (start < 0) {
            return null;
        }
        int query = uri.indexOf('?', start);
        return uri.substring(start, query < 0 ? uri.length() : query);
    }

    /** Where the topic of a URI begins, after its scheme (and {@code //}); -1 without a scheme. */
    private static int topicStart(String uri) {
        int colon = uri.indexOf(':');
        if (colon < 0) {
            return -1;
        }
        return uri.startsWith("//", colon + 1) ? colon + 3 : colon + 1;
    }
}
