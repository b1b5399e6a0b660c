package io.rocketcamel.component.rocketmq.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.rocketcamel.component.rocketmq.MessageModel;
import io.rocketcamel.component.rocketmq.RocketMQComponent;
import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import org.apache.camel.Route;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/**
 * The {@code rocketmq} dev console: every rocketmq consumer route and producer endpoint, each clustering group's lag
 * per queue and the check-backs each transactional producer group answered and holds. Lag is read through the
 * consumers' own clients (one call per broker and group), so it needs no admin client and no Spring; option
 * {@code lag=false} leaves it out.
 */
@DevConsole(name = "rocketmq", displayName = "RocketMQ",
            description = "Apache RocketMQ consumers, producers, consumer group lag and transaction check-backs")
public class RocketMQDevConsole extends AbstractDevConsole {

    /** Option: whether to read each group's lag from the brokers (default true). */
    public static final String LAG = "lag";

    private static final long TIMEOUT_MILLIS = 3000;

    public RocketMQDevConsole() {
        super("camel", "rocketmq", "RocketMQ",
                "Apache RocketMQ consumers, producers, consumer group lag and transaction check-backs");
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        JsonObject root = new JsonObject();
        JsonArray consumers = new JsonArray();
        List<ConsumerView> consumerViews = ConsumerView.all(getCamelContext());
        consumerViews.forEach(view -> consumers.add(view.toJson()));
        root.put("consumers", consumers);
        JsonArray producers = new JsonArray();
        ProducerView.all(getCamelContext()).forEach(view -> producers.add(view.toJson()));
        root.put("producers", producers);
        if (!"false".equals(String.valueOf(options.getOrDefault(LAG, "true")))) {
            // consumers of one group and topic (several routes sharing the queues) are one group
            Map<String, ConsumerView> groups = new LinkedHashMap<>();
            consumerViews.stream().filter(view -> view.messageModel() == MessageModel.CLUSTERING)
                    .forEach(view -> groups.putIfAbsent(view.consumerGroup() + "@" + view.topic(), view));
            JsonArray lags = new JsonArray();
            ClientConsumeStats stats = new ClientConsumeStats(getCamelContext(), TIMEOUT_MILLIS);
            groups.values().forEach(view -> lags.add(lagJson(view, stats)));
            root.put("groups", lags);
        }
        JsonArray transactions = new JsonArray();
        checkBackCounts().forEach((group, counts) -> {
            JsonObject json = new JsonObject();
            json.put("producerGroup", group);
            json.put("checkBacks", new JsonObject(counts));
            transactions.add(json);
        });
        root.put("transactions", transactions);
        return root;
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        Map<String, Object> json = doCallJson(options);
        StringBuilder text = new StringBuilder();
        for (Object consumer : (JsonArray) json.get("consumers")) {
            JsonObject c = (JsonObject) consumer;
            text.append(String.format("%n    Route Id: %s (%s)%n    From: %s%n    Group: %s, %s, %s, filter %s%n",
                    c.get("routeId"), c.get("state"), c.get("uri"), c.get("consumerGroup"), c.get("messageModel"),
                    c.get("consumeMode"), c.get("filter")));
        }
        for (Object producer : (JsonArray) json.get("producers")) {
            JsonObject p = (JsonObject) producer;
            text.append(String.format("%n    Producer: %s (%s)%n    Group: %s, %s%s%n", p.get("uri"), p.get("state"),
                    p.get("producerGroup"), p.get("sendMode"), Boolean.TRUE.equals(p.get("transactional")) ? ", transactional" : ""));
        }
        JsonArray groups = (JsonArray) json.get("groups");
        if (groups != null) {
            for (Object group : groups) {
                JsonObject g = (JsonObject) group;
                text.append(String.format("%n    Lag of %s on %s: %s", g.get("consumerGroup"), g.get("topic"),
                        g.containsKey("error") ? g.get("error")
                                : g.get("lag") + " (retry topic " + g.get("retryLag") + ")" + unanswered(g)));
            }
            text.append('\n');
        }
        for (Object transaction : (JsonArray) json.get("transactions")) {
            JsonObject t = (JsonObject) transaction;
            text.append(String.format("%n    Check-backs of %s: %s%n", t.get("producerGroup"), t.get("checkBacks")));
        }
        return text.toString();
    }

    /** The brokers whose queues a lag is missing: the lag counts only the others'. */
    private static String unanswered(JsonObject group) {
        if (!(group.get("unanswered") instanceof Map<?, ?> brokers) || brokers.isEmpty()) {
            return "";
        }
        Map<String, String> named = new TreeMap<>();
        brokers.forEach((name, why) -> named.put(String.valueOf(name), String.valueOf(why)));
        return "; " + UnansweredBrokers.describe(named) + ": their queues are not counted";
    }

    /** Package-visible for a test: the route may go between the views' listing and this. */
    JsonObject lagJson(ConsumerView view, ClientConsumeStats stats) {
        Route route = getCamelContext().getRoute(view.routeId());
        if (route == null) {
            return unknownLag(view, "its route " + view.routeId() + " was removed while the page was built");
        }
        RocketMQEndpoint endpoint = (RocketMQEndpoint) route.getEndpoint();
        try {
            Optional<GroupLag> lag = stats.lag(view.routeId(), endpoint);
            if (lag.isPresent()) {
                return lag.get().toJson();
            }
            return unknownLag(view, "no running consumer of namesrvAddr " + endpoint.getConfiguration().getNamesrvAddr()
                                    + " to ask the brokers through");
        } catch (Exception e) {
            return unknownLag(view, "the brokers did not answer: " + e.getMessage());
        }
    }

    private static JsonObject unknownLag(ConsumerView view, String reason) {
        JsonObject json = new JsonObject();
        json.put("consumerGroup", view.consumerGroup());
        json.put("topic", view.topic());
        json.put("error", reason);
        return json;
    }

    /** Of every instance of the component, whatever name it is registered under. */
    private Map<String, Map<String, Long>> checkBackCounts() {
        Map<String, Map<String, Long>> byGroup = new TreeMap<>();
        for (String name : getCamelContext().getComponentNames()) {
            if (getCamelContext().hasComponent(name) instanceof RocketMQComponent component) {
                byGroup.putAll(component.groupProducers().checkBackCounts());
            }
        }
        return byGroup;
    }
}
