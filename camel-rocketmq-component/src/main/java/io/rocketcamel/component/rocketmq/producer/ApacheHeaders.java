package io.rocketcamel.component.rocketmq.producer;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.component.rocketmq.internal.ConsumedOrigin;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache camel-rocketmq's producer headers (their names say "RockerMQ"): a route written for it that sets them
 * decides where its messages go, so they are honoured as this component's headers, which win when both are set. A
 * WARN names each one once per JVM.
 */
public final class ApacheHeaders {

    private static final Logger LOG = LoggerFactory.getLogger(ApacheHeaders.class);
    private static final String TOPIC = "CamelRockerMQOverrideTopicName";
    private static final Map<String, String> OURS = Map.of(
            TOPIC, RocketMQConstants.OVERRIDE_TOPIC,
            "CamelRockerMQOverrideTag", RocketMQConstants.TAGS,
            "CamelRockerMQOverrideMessageKey", RocketMQConstants.KEYS);
    private static final Set<String> HINTED = ConcurrentHashMap.newKeySet();
    private static final String ADOPTED = "CamelRocketMQApacheHeader.";

    private ApacheHeaders() {
    }

    /**
     * The topic the message's headers send it to, ours or Apache's, before the send adopts Apache's: what a tracer
     * names the send's span after as it starts; null when neither is set.
     */
    public static String overrideTopic(Message message) {
        String ours = message.getHeader(RocketMQConstants.OVERRIDE_TOPIC, String.class);
        return ours != null ? ours : message.getHeader(TOPIC, String.class);
    }

    /**
     * How a refusal names the header that gave a value: Apache's, when the route set that one.
     *
     * @return "Header name" as the route wrote it
     */
    static String named(Message message, String ours) {
        String apache = message.getExchange().getProperty(ADOPTED + ours, String.class);
        return apache != null && message.getHeader(ours) != null
                ? "Header " + apache + " (Apache camel-rocketmq's, applied as " + ours + ")" : "Header " + ours;
    }

    static void adopt(Message message) {
        if (!message.hasHeaders()) {
            return;
        }
        OURS.forEach((apache, ours) -> {
            Object value = message.getHeader(apache);
            if (value == null) {
                return;
            }
            // moved, not copied: ours leave the exchange with the send that read them (PerSendHeaders), and a copy left
            // behind would be adopted again by the next rocketmq endpoint, a dead letter channel's among them
            message.removeHeader(apache);
            String current = message.getHeader(ours, String.class);
            // the route set Apache's header: it wins over a value that only says what the exchange was consumed with
            if (current == null || ConsumedOrigin.holds(message, ours, current)) {
                message.setHeader(ours, value);
                // a refusal of the value names the header the route set
                message.getExchange().setProperty(ADOPTED + ours, apache);
            }
            if (HINTED.add(apache)) {
                LOG.warn("Header {} is Apache camel-rocketmq's: it is applied as {}; rename it (logged once)", apache, ours);
            }
        });
    }
}
