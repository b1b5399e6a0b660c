package io.rocketcamel.component.rocketmq.console;

import java.util.Objects;
import java.util.Optional;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import io.rocketcamel.component.rocketmq.consumer.RocketMQConsumer;
import io.rocketcamel.component.rocketmq.internal.Namespaces;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;

/**
 * A consumer group's offsets read through a client the application runs anyway (the route's own consumer, or, while
 * that route is stopped, another consumer of the same cluster and credentials): no admin client, one call per broker.
 */
final class ClientConsumeStats {

    private final CamelContext context;
    private final long timeoutMillis;
    /** One instance serves one call of the dev console: a broker that did not answer is not asked per route. */
    private final UnansweredBrokers silent = new UnansweredBrokers();

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
        GroupOffsets.Answer answer = GroupOffsets.readAnswered(client.get().getMQClientAPIImpl(),
                Namespaces.wrap(configuration, configuration.getConsumerGroup()),
                Namespaces.wrap(configuration, endpoint.getTopicName()), timeoutMillis, silent);
        return Optional.of(GroupLag.of(configuration.getConsumerGroup(), endpoint.getTopicName(),
                configuration.getNamespace(), answer));
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
