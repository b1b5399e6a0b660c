package io.rocketcamel.starter;

import java.util.Map;

import io.rocketcamel.component.rocketmq.MessageModel;
import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import org.apache.camel.Route;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.support.service.ServiceHelper;

/**
 * One rocketmq producer endpoint or consumer route: DOWN with the reason when the name server does not answer or
 * lists no broker, when the route's consumer is not running, or when the brokers see no client of its group. Not a
 * liveness check: restarting the application does not bring a broker back.
 */
final class RocketMQHealthCheck extends AbstractHealthCheck {

    private final RocketMQEndpoint endpoint;
    private final Route route;
    private final BrokerAdmin admin;

    private RocketMQHealthCheck(String id, RocketMQEndpoint endpoint, Route route, BrokerAdmin admin) {
        super("camel", id);
        this.endpoint = endpoint;
        this.route = route;
        this.admin = admin;
    }

    static RocketMQHealthCheck consumer(Route route, BrokerAdmin admin) {
        return new RocketMQHealthCheck("rocketmq-consumer-" + route.getRouteId(), (RocketMQEndpoint) route.getEndpoint(),
                route, admin);
    }

    static RocketMQHealthCheck producer(RocketMQEndpoint endpoint, BrokerAdmin admin) {
        return new RocketMQHealthCheck("rocketmq-producer-" + endpoint.getTopicName(), endpoint, null, admin);
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        RocketMQConfiguration configuration = endpoint.getConfiguration();
        builder.detail("topic", endpoint.getTopicName()).detail("namesrvAddr", configuration.getNamesrvAddr());
        if (route != null) {
            builder.detail("group", configuration.getConsumerGroup());
            if (!ServiceHelper.isStarted(route.getConsumer())) {
                down(builder, "The consumer of route " + route.getRouteId() + " is not running");
                return;
            }
        }
        try {
            admin.requireBroker(configuration);
        } catch (Exception e) {
            down(builder.error(e), "RocketMQ name server " + configuration.getNamesrvAddr()
                    + " is unreachable or has no broker: " + e.getMessage());
            return;
        }
        if (route != null && configuration.getMessageModel() == MessageModel.CLUSTERING && !groupConnected(builder)) {
            return;
        }
        builder.up();
    }

    /** camel-spring-boot's health indicator shows details but not the message: the reason goes in both. */
    private static void down(HealthCheckResultBuilder builder, String reason) {
        builder.down().message(reason).detail("reason", reason);
    }

    private boolean groupConnected(HealthCheckResultBuilder builder) {
        String group = endpoint.getConfiguration().getConsumerGroup();
        try {
            if (admin.connectedConsumers(endpoint.getConfiguration(), group) > 0) {
                return true;
            }
            down(builder, "No client of consumer group " + group + " is connected to the brokers");
        } catch (Exception e) {
            down(builder.error(e), "Could not ask the brokers for consumer group " + group + ": " + e.getMessage());
        }
        return false;
    }
}
