package io.rocketcamel.component.rocketmq.console;

import java.util.Objects;
import java.util.Optional;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import io.rocketcamel.component.rocketmq.consumer.RocketMQConsumer;
import io.rocketcamel.component.rocketmq.internal.Namespaces;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.remoting.protocol.admin.ConsumeStats;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;

/**
 * A consumer group's offsets read through a client the application runs anyway (the route's own consumer, or, while
 * that route is stopped, another consumer of the same cluster and credentials): no admin client, one call per broker.
 */
final class ClientConsumeStats {

    private final CamelContext context;
    private final long timeoutMillis;

    ClientConsumeStats(CamelContext context, long timeoutMillis) {
        this.context = context;
        this.timeoutMillis = timeoutMillis;
    }

    /** The group's lag on the endpoint's topic; empty when no consumer client of that cluster is running. */
    Optional<GroupLag> lag(String routeId, RocketMQEndpoint endpoint) throws Exception {
        RocketMQConfiguration configuration = endpoint.getConfiguration();
        Optional<MQClientInstance> client = runningClient(routeId, configuration);
        if (client.isEmpty()) {
            return Optional.empty();
        }
        MQClientAPIImpl api = client.get().getMQClientAPIImpl();
        String group = Namespaces.wrap(configuration, configuration.getConsumerGroup());
        ConsumeStats merged = new ConsumeStats();
        for (String topic : new String[] { Namespaces.wrap(configuration, endpoint.getTopicName()), MixAll.getRetryTopic(group) }) {
            TopicRouteData route = client.get().getTopicRouteTable().get(topic);
            if (route == null) {
                route = api.getTopicRouteInfoFromNameServer(topic, timeoutMillis);
            }
            for (BrokerData broker : route.getBrokerDatas()) {
                merged.getOffsetTable().putAll(api.getConsumeStats(broker.selectBrokerAddr(), group, topic, timeoutMillis)
                        .getOffsetTable());
            }
        }
        return Optional.of(GroupLag.of(configuration.getConsumerGroup(), endpoint.getTopicName(),
                configuration.getNamespace(), merged));
    }

    private Optional<MQClientInstance> runningClient(String routeId, RocketMQConfiguration wanted) {
        Route own = context.getRoute(routeId);
        Optional<MQClientInstance> mine = clientOf(own);
        if (mine.isPresent()) {
            return mine;
        }
        return context.getRoutes().stream()
                .filter(route -> route.getEndpoint() instanceof RocketMQEndpoint endpoint
                                 && sameCluster(endpoint.getConfiguration(), wanted))
                .map(ClientConsumeStats::clientOf).flatMap(Optional::stream).findFirst();
    }

    private static Optional<MQClientInstance> clientOf(Route route) {
        if (route != null && route.getConsumer() instanceof RocketMQConsumer consumer && consumer.client() != null) {
            return Optional.ofNullable(consumer.client().getDefaultMQPushConsumerImpl().getmQClientFactory());
        }
        return Optional.empty();
    }

    private static boolean sameCluster(RocketMQConfiguration a, RocketMQConfiguration b) {
        return Objects.equals(a.getNamesrvAddr(), b.getNamesrvAddr()) && Objects.equals(a.getAccessKey(), b.getAccessKey());
    }
}
