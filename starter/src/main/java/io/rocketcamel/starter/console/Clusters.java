package io.rocketcamel.starter.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.rocketcamel.component.rocketmq.RocketMQComponent;
import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;

/**
 * The clusters the application talks to: one per name server address, credentials and namespace among the rocketmq
 * components and endpoints, each with the topics its endpoints name. Most applications have one.
 */
final class Clusters {

    private Clusters() {
    }

    /**
     * @param configuration the settings to reach the cluster with (the first component's or endpoint's)
     * @param topics        the topics the application's endpoints name there
     */
    record Cluster(RocketMQConfiguration configuration, List<String> topics) {

        String namesrvAddr() {
            return configuration.getNamesrvAddr();
        }
    }

    static List<Cluster> of(CamelContext context) {
        Map<String, RocketMQConfiguration> configurations = new LinkedHashMap<>();
        Map<String, TreeSet<String>> topics = new LinkedHashMap<>();
        for (String name : context.getComponentNames()) {
            if (context.hasComponent(name) instanceof RocketMQComponent component) {
                add(configurations, topics, component.getConfiguration(), null);
            }
        }
        for (Endpoint endpoint : context.getEndpoints()) {
            if (endpoint instanceof RocketMQEndpoint rocketmq) {
                add(configurations, topics, rocketmq.getConfiguration(), rocketmq.getTopicName());
            }
        }
        List<Cluster> clusters = new ArrayList<>();
        configurations.forEach((key, configuration) -> clusters.add(new Cluster(configuration, List.copyOf(topics.get(key)))));
        return clusters;
    }

    private static void add(Map<String, RocketMQConfiguration> configurations, Map<String, TreeSet<String>> topics,
            RocketMQConfiguration configuration, String topic) {
        if (configuration.getNamesrvAddr() == null) {
            return;
        }
        String key = configuration.getNamesrvAddr() + "|" + configuration.getAccessKey() + "|" + configuration.getNamespace();
        configurations.putIfAbsent(key, configuration);
        TreeSet<String> named = topics.computeIfAbsent(key, k -> new TreeSet<>());
        // a toD endpoint's topic may be an unresolved expression: only real names are looked in
        if (topic != null && topic.matches("[%|a-zA-Z0-9_-]+")) {
            named.add(topic);
        }
    }
}
