package io.rocketcamel.starter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRepository;

/**
 * A health check per rocketmq consumer route and per rocketmq producer endpoint, found anew on every call so that
 * routes added or removed at runtime are followed; a check keeps its identity (and Camel's failure counting) for as
 * long as its route or endpoint exists.
 */
public class RocketMQHealthCheckRepository implements HealthCheckRepository, CamelContextAware {

    private final BrokerAdmin admin;
    private final Map<String, HealthCheck> checks = new ConcurrentHashMap<>();
    private CamelContext camelContext;
    private boolean enabled = true;

    public RocketMQHealthCheckRepository(BrokerAdmin admin) {
        this.admin = admin;
    }

    @Override
    public String getId() {
        return "rocketmq";
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public Stream<HealthCheck> stream() {
        if (!enabled || camelContext == null) {
            return Stream.empty();
        }
        Map<String, HealthCheck> current = new LinkedHashMap<>();
        Set<Endpoint> consumed = camelContext.getRoutes().stream().map(Route::getEndpoint).collect(Collectors.toSet());
        for (Route route : camelContext.getRoutes()) {
            if (route.getEndpoint() instanceof RocketMQEndpoint) {
                String id = "rocketmq-consumer-" + route.getRouteId();
                current.put(id, checks.computeIfAbsent(id, k -> attach(RocketMQHealthCheck.consumer(route, admin))));
            }
        }
        for (Endpoint endpoint : camelContext.getEndpoints()) {
            if (endpoint instanceof RocketMQEndpoint rocketmq && !consumed.contains(endpoint)) {
                String id = "rocketmq-producer-" + rocketmq.getTopicName();
                current.put(id, checks.computeIfAbsent(id, k -> attach(RocketMQHealthCheck.producer(rocketmq, admin))));
            }
        }
        checks.keySet().retainAll(current.keySet());
        return current.values().stream();
    }

    private HealthCheck attach(RocketMQHealthCheck check) {
        check.setCamelContext(camelContext);
        return check;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
