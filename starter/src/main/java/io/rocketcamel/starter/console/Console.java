package io.rocketcamel.starter.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.component.rocketmq.ConsumeMode;
import io.rocketcamel.component.rocketmq.MessageModel;
import io.rocketcamel.component.rocketmq.RocketMQComponent;
import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import io.rocketcamel.component.rocketmq.console.ConsumerView;
import io.rocketcamel.component.rocketmq.console.GroupLag;
import io.rocketcamel.component.rocketmq.console.ProducerView;
import io.rocketcamel.component.rocketmq.console.UnansweredBrokers;
import io.rocketcamel.component.rocketmq.transaction.GroupProducers;
import io.rocketcamel.starter.BrokerAdmin;
import io.rocketcamel.starter.console.Clusters.Cluster;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.util.json.JsonObject;
import org.apache.rocketmq.common.MixAll;

/**
 * What the console shows, section by section, as JSON-ready maps and records: the page and scripts read the same.
 * Each section reads the brokers when asked; a broker that does not answer makes its section say so instead of
 * failing the others.
 */
class Console {

    /** The most decision messages read per broker queue to count waiting half messages exactly. */
    private static final int MAX_DECISION_MESSAGES = 200;

    private final CamelContext camel;
    private final BrokerAdmin admin;
    private final RouteActivity activity;
    private final DeadLetters deadLetters;
    private final MessageLookup lookup;
    private final ConsoleProperties properties;
    private final Optional<EmbeddedRocketMQBroker> embedded;
    private final String application;

    /** @param application the name the page shows: spring.application.name, else the CamelContext's */
    Console(CamelContext camel, BrokerAdmin admin, RouteActivity activity, DeadLetters deadLetters, MessageLookup lookup,
            ConsoleProperties properties, Optional<EmbeddedRocketMQBroker> embedded, String application) {
        this.camel = camel;
        this.application = application;
        this.admin = admin;
        this.activity = activity;
        this.deadLetters = deadLetters;
        this.lookup = lookup;
        this.properties = properties;
        this.embedded = embedded;
    }

    /** The routes and producers with what they did lately; no broker call. */
    Map<String, Object> overview() {
        Map<String, Object> overview = new LinkedHashMap<>();
        overview.put("application", application);
        overview.put("refreshMillis", properties.getRefreshInterval().toMillis());
        List<Map<String, Object>> clusters = new ArrayList<>();
        for (Cluster cluster : Clusters.of(camel)) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("namesrvAddr", cluster.namesrvAddr());
            json.put("namespace", cluster.configuration().getNamespace());
            // whether requests are signed; the keys themselves are never shown
            json.put("acl", cluster.configuration().getAccessKey() != null);
            json.put("embedded", embedded.map(broker -> broker.getNamesrvAddr().equals(cluster.namesrvAddr())).orElse(false));
            clusters.add(json);
        }
        overview.put("clusters", clusters);
        List<JsonObject> consumers = new ArrayList<>();
        for (ConsumerView view : ConsumerView.all(camel)) {
            consumers.add(withActivity(view.toJson(), activity.ofRoute(view.routeId())));
        }
        overview.put("consumers", consumers);
        List<JsonObject> producers = new ArrayList<>();
        for (ProducerView view : ProducerView.all(camel)) {
            producers.add(withActivity(view.toJson(), activity.ofEndpoint(view.uri())));
        }
        overview.put("producers", producers);
        return overview;
    }

    /** Each clustering group's lag per queue, retry topic and dead letters; broadcast groups by name only. */
    Map<String, Object> groups() {
        Map<String, List<Route>> clustering = new TreeMap<>();
        Map<String, List<Route>> broadcast = new TreeMap<>();
        for (Route route : camel.getRoutes()) {
            if (route.getEndpoint() instanceof RocketMQEndpoint endpoint) {
                RocketMQConfiguration configuration = endpoint.getConfiguration();
                String key = configuration.getConsumerGroup() + "@" + endpoint.getTopicName();
                (configuration.getMessageModel() == MessageModel.BROADCASTING ? broadcast : clustering)
                        .computeIfAbsent(key, k -> new ArrayList<>()).add(route);
            }
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        // a broker that does not answer costs the page one timeout, not one per group
        UnansweredBrokers silent = new UnansweredBrokers();
        clustering.values().forEach(routes -> groups.add(group(routes, silent)));
        List<Map<String, Object>> broadcasting = new ArrayList<>();
        broadcast.values().forEach(routes -> {
            Map<String, Object> json = describe(routes);
            json.put("note", "each consumer keeps its own offsets (offsetStoreDir): no group lag on the brokers");
            broadcasting.add(json);
        });
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("groups", groups);
        answer.put("broadcast", broadcasting);
        return answer;
    }

    private Map<String, Object> group(List<Route> routes, UnansweredBrokers silent) {
        RocketMQEndpoint endpoint = (RocketMQEndpoint) routes.get(0).getEndpoint();
        RocketMQConfiguration configuration = endpoint.getConfiguration();
        String group = configuration.getConsumerGroup();
        Map<String, Object> json = describe(routes);
        json.put("deadLetterTopic", MixAll.getDLQTopic(group));
        try {
            GroupLag lag = admin.groupLag(configuration, group, endpoint.getTopicName(), silent);
            BrokerAdmin.DeadLetterQueues deadLetters = admin.deadLetterQueues(configuration, group, silent);
            json.putAll(lag.toJson());
            json.put("deadLetters", deadLetters.count());
            Map<String, String> unanswered = new TreeMap<>(lag.unanswered());
            deadLetters.unanswered().forEach(unanswered::putIfAbsent);
            json.put("unanswered", unanswered);
        } catch (Exception e) {
            json.put("error", "the brokers did not answer: " + e.getMessage());
        }
        return json;
    }

    private static Map<String, Object> describe(List<Route> routes) {
        RocketMQEndpoint endpoint = (RocketMQEndpoint) routes.get(0).getEndpoint();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("consumerGroup", endpoint.getConfiguration().getConsumerGroup());
        json.put("topic", endpoint.getTopicName());
        json.put("messageModel", endpoint.getConfiguration().getMessageModel().name());
        json.put("routes", routes.stream().map(Route::getRouteId).toList());
        return json;
    }

    DeadLetters.Page deadLetters(String group) throws Exception {
        return deadLetters.page(configurationOf(group), group);
    }

    /** @param offsetIds the dead letters to re-send; empty for every one not re-sent yet */
    DeadLetters.Outcome resend(String group, Set<String> offsetIds) throws Exception {
        RocketMQConfiguration configuration = configurationOf(group);
        if (configuration.getConsumeMode() == ConsumeMode.ORDERLY) {
            // RocketMQ's rule for ordered groups (SendMessageProcessor.handleRetryAndDLQ): the copy went straight back
            throw new IllegalArgumentException("Dead letters of group " + group + " cannot be re-sent: its routes consume"
                    + " with consumeMode=ORDERLY, and while their queue locks are held the broker stores what is sent to"
                    + " the group's retry topic straight back in its dead-letter topic " + MixAll.getDLQTopic(group)
                    + ". Send the message to its topic again instead, knowing that every group of the topic gets it");
        }
        return deadLetters.resend(configuration, group, topicsOf(group), offsetIds);
    }

    /** The topics the group's CLUSTERING routes consume (without the namespace). */
    private Set<String> topicsOf(String group) {
        Set<String> topics = new TreeSet<>();
        clusteringEndpoints(group).forEach(endpoint -> topics.add(endpoint.getTopicName()));
        return topics;
    }

    /** Messages by key, or by id when no key is given, in the topic or else in every topic the application names. */
    Map<String, Object> lookup(String key, String id, String topic) throws Exception {
        List<StoredMessage> found = new ArrayList<>();
        List<String> searched = new ArrayList<>();
        Map<String, String> unanswered = new TreeMap<>();
        List<Cluster> clusters = Clusters.of(camel);
        Map<String, Integer> missing = new TreeMap<>();
        for (Cluster cluster : clusters) {
            List<String> topics = topic != null ? List.of(topic) : cluster.topics();
            searched.addAll(topics);
            MessageLookup.Result result = key != null ? lookup.byKey(cluster.configuration(), topics, key)
                    : lookup.byId(cluster.configuration(), topics, id);
            found.addAll(result.messages());
            result.unanswered().forEach(unanswered::putIfAbsent);
            result.missingTopics().forEach(name -> missing.merge(name, 1, Integer::sum));
        }
        // "nothing with that key" it said of a topic no cluster has
        if (topic != null && missing.getOrDefault(topic, 0) == clusters.size() && !clusters.isEmpty()) {
            throw new UnknownTopicException(topic);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("key", key);
        answer.put("id", id);
        answer.put("topics", searched.stream().distinct().sorted().toList());
        answer.put("missingTopics", missing.keySet());
        answer.put("messages", found);
        // brokers that did not answer may hold more: "nothing found" is not "not stored" then
        answer.put("unanswered", unanswered);
        return answer;
    }

    /** Transactional producers with their check-backs, and the half messages waiting on each broker. */
    Map<String, Object> transactions() {
        Map<String, Map<String, Long>> checkBacks = new TreeMap<>();
        for (String name : camel.getComponentNames()) {
            if (camel.hasComponent(name) instanceof RocketMQComponent component) {
                checkBacks.putAll(component.groupProducers().checkBackCounts());
            }
        }
        List<JsonObject> producers = new ArrayList<>();
        for (ProducerView view : ProducerView.all(camel)) {
            if (view.transactional()) {
                JsonObject json = withActivity(view.toJson(), activity.ofEndpoint(view.uri()));
                // a group whose client has not started yet has answered nothing
                json.put("checkBacks", checkBacks.getOrDefault(view.producerGroup(), GroupProducers.nothingCounted()));
                producers.add(json);
            }
        }
        List<Map<String, Object>> brokers = new ArrayList<>();
        for (Cluster cluster : Clusters.of(camel)) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("namesrvAddr", cluster.namesrvAddr());
            try {
                json.put("halfMessages", HalfMessages.read(admin.client(cluster.configuration()), MAX_DECISION_MESSAGES));
            } catch (Exception e) {
                json.put("error", "the brokers did not answer: " + e.getMessage());
            }
            brokers.add(json);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("producers", producers);
        answer.put("clusters", brokers);
        return answer;
    }

    /** Each cluster's brokers, and the embedded broker's store when it runs. */
    Map<String, Object> broker() {
        List<Map<String, Object>> clusters = new ArrayList<>();
        for (Cluster cluster : Clusters.of(camel)) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("namesrvAddr", cluster.namesrvAddr());
            try {
                json.put("brokers", Brokers.read(admin.client(cluster.configuration())));
            } catch (Exception e) {
                json.put("error", "the name server did not answer: " + e.getMessage());
            }
            clusters.add(json);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("clusters", clusters);
        if (embedded.isPresent()) {
            try {
                answer.put("embedded", Brokers.embedded(embedded.get()));
            } catch (Exception e) {
                answer.put("embedded", Map.of("error", "the store could not be read: " + e.getMessage()));
            }
        }
        return answer;
    }

    /** The settings of the group's first consumer route; the console only touches groups the application consumes. */
    private RocketMQConfiguration configurationOf(String group) {
        return clusteringEndpoints(group).stream().findFirst().map(RocketMQEndpoint::getConfiguration)
                .orElseThrow(() -> new UnknownGroupException(group));
    }

    /** The group's CLUSTERING routes' endpoints, in route order. */
    private List<RocketMQEndpoint> clusteringEndpoints(String group) {
        List<RocketMQEndpoint> endpoints = new ArrayList<>();
        for (Route route : camel.getRoutes()) {
            if (route.getEndpoint() instanceof RocketMQEndpoint endpoint
                && group.equals(endpoint.getConfiguration().getConsumerGroup())
                && endpoint.getConfiguration().getMessageModel() == MessageModel.CLUSTERING) {
                endpoints.add(endpoint);
            }
        }
        return endpoints;
    }

    private static JsonObject withActivity(JsonObject json, RouteActivity.Activity recent) {
        json.put("perSecond", recent.perSecond());
        json.put("messages", recent.messages());
        json.put("failures", recent.failures());
        json.put("recentFailures", recent.recentFailures());
        return json;
    }

    /** A look-up's topic that the name servers of no cluster of the application know a route for. */
    static final class UnknownTopicException extends RuntimeException {

        UnknownTopicException(String topic) {
            super("The name servers know no topic " + topic + ": it does not exist on the application's clusters, or"
                  + " no broker serves it now");
        }
    }

    /** A group no clustering route of the application consumes in. */
    static final class UnknownGroupException extends RuntimeException {

        UnknownGroupException(String group) {
            super("No clustering consumer route of this application uses consumer group " + group);
        }
    }
}
