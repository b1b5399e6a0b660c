package io.rocketcamel.component.rocketmq;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.annotations.SendDynamic;
import org.apache.camel.support.component.SendDynamicAwareSupport;

/**
 * Lets {@code toD("rocketmq:${header.region}-orders?...")} share one endpoint and producer for every topic it resolves
 * to: the resolved topic travels in {@link RocketMQConstants#OVERRIDE_TOPIC} and the endpoint is the one of the
 * unresolved URI.
 */
@SendDynamic("rocketmq")
public class RocketMQSendDynamicAware extends SendDynamicAwareSupport {

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
        String topic = topicOf(entry.getUri());
        String unresolvedTopic = topicOf(entry.getOriginalUri());
        if (topic == null || unresolvedTopic == null || topic.equals(unresolvedTopic)) {
            return null;
        }
        return entry.getUri().replaceFirst(java.util.regex.Pattern.quote(topic),
                java.util.regex.Matcher.quoteReplacement(unresolvedTopic));
    }

    /**
     * Sets the resolved topic at once rather than in a processor: Camel runs a pre-processor after it announced the
     * send, and tracers and metrics that read the topic then would see the unresolved URI's.
     */
    @Override
    public Processor createPreProcessor(Exchange exchange, DynamicAwareEntry entry) {
        if (exchange.getMessage().getHeader(RocketMQConstants.OVERRIDE_TOPIC) == null) {
            exchange.getMessage().setHeader(RocketMQConstants.OVERRIDE_TOPIC, topicOf(entry.getUri()));
        }
        return null;
    }

    @Override
    public Processor createPostProcessor(Exchange exchange, DynamicAwareEntry entry) {
        return null;
    }

    /**
     * @return the topic of a {@code rocketmq:topic?options} or {@code rocketmq://topic?options} URI
     */
    static String topicOf(String uri) {
        int colon = uri.indexOf(':');
        if (colon < 0) {
            return null;
        }
        int query = uri.indexOf('?', colon);
        String topic = uri.substring(colon + 1, query < 0 ? uri.length() : query);
        return topic.startsWith("//") ? topic.substring(2) : topic;
    }
}
