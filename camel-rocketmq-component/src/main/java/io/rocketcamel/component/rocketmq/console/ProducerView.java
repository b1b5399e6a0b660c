package io.rocketcamel.component.rocketmq.console;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import io.rocketcamel.component.rocketmq.SendMode;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.util.json.JsonObject;

/**
 * A rocketmq endpoint the application sends to: where, in which producer group and how.
 *
 * @param uri   the endpoint URI with secrets masked, as Camel prints it
 * @param state the endpoint's service state (Started once a producer of it started)
 */
public record ProducerView(String uri, String topic, String producerGroup, SendMode sendMode, int batchSize,
        boolean transactional, String state) {

    /** The context's rocketmq endpoints that no route consumes from, by URI. */
    public static List<ProducerView> all(CamelContext context) {
        Set<Endpoint> consumed = new HashSet<>();
        for (Route route : context.getRoutes()) {
            consumed.add(route.getEndpoint());
        }
        return context.getEndpoints().stream()
                .filter(endpoint -> endpoint instanceof RocketMQEndpoint && !consumed.contains(endpoint))
                .map(endpoint -> of((RocketMQEndpoint) endpoint))
                .sorted(Comparator.comparing(ProducerView::uri)).toList();
    }

    static ProducerView of(RocketMQEndpoint endpoint) {
        RocketMQConfiguration c = endpoint.getConfiguration();
        return new ProducerView(endpoint.toString(), endpoint.getTopicName(), endpoint.producerGroup(), c.getSendMode(),
                c.getBatchSize(), c.isTransactional(), endpoint.getStatus().name());
    }

    public JsonObject toJson() {
        return Json.of(this);
    }
}
