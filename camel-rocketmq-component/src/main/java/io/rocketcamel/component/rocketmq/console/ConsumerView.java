package io.rocketcamel.component.rocketmq.console;

import java.util.ArrayList;
import java.util.List;

import io.rocketcamel.component.rocketmq.ConsumeMode;
import io.rocketcamel.component.rocketmq.MessageModel;
import io.rocketcamel.component.rocketmq.MigrationAliases;
import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.util.json.JsonObject;

/**
 * A route that consumes from rocketmq: what it subscribes to, how, and whether it runs.
 *
 * @param uri    the endpoint URI with secrets masked, as Camel prints it
 * @param filter the tags or SQL92 expression subscribed to, {@code *} for every message
 * @param state  the route's state (Started, Stopped, Suspended, ...)
 */
public record ConsumerView(String routeId, String uri, String topic, String consumerGroup, MessageModel messageModel,
        ConsumeMode consumeMode, int consumeBatchSize, String filter, int maxReconsumeTimes, String state) {

    /** The context's rocketmq consumer routes, in route order. */
    public static List<ConsumerView> all(CamelContext context) {
        List<ConsumerView> views = new ArrayList<>();
        for (Route route : context.getRoutes()) {
            if (route.getEndpoint() instanceof RocketMQEndpoint endpoint) {
                views.add(of(context, route.getRouteId(), endpoint));
            }
        }
        return views;
    }

    static ConsumerView of(CamelContext context, String routeId, RocketMQEndpoint endpoint) {
        RocketMQConfiguration c = endpoint.getConfiguration();
        String tags = MigrationAliases.subscriptionTags(c);
        String filter = c.getSql() != null ? "SQL92 " + c.getSql() : tags != null ? tags : "*";
        ServiceStatus status = context.getRouteController().getRouteStatus(routeId);
        return new ConsumerView(routeId, endpoint.toString(), endpoint.getTopicName(), c.getConsumerGroup(),
                c.getMessageModel(), c.getConsumeMode(), c.getConsumeBatchSize(), filter, c.getMaxReconsumeTimes(),
                status == null ? "Unknown" : status.name());
    }

    public JsonObject toJson() {
        return Json.of(this);
    }
}
