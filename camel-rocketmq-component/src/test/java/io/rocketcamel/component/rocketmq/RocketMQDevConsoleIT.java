package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rocketcamel.component.rocketmq.console.RocketMQDevConsole;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rocketmq dev console as Camel's tooling finds it (by id, through the dev console registry), without Spring:
 * a stopped route's group shows its backlog per queue, read through another running consumer's client.
 */
class RocketMQDevConsoleIT extends RocketMQITSupport {

    private final List<String> received = new CopyOnWriteArrayList<>();

    @Test
    void showsConsumersProducersAndTheLagOfAStoppedGroup() throws Exception {
        String topic = topic("console", 2);
        String otherTopic = topic("console-other", 1);
        String group = unique("console-g");
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("rocketmq:" + topic);
                from("rocketmq:" + topic + "?consumerGroup=" + group + "&consumeFromWhere=FIRST_OFFSET").routeId("reader")
                        .process(e -> received.add(text(e.getMessage().getBody())));
                from("rocketmq:" + otherTopic + "?consumerGroup=" + unique("console-other-g") + "&messageModel=BROADCASTING")
                        .routeId("listener").log("${body}");
            }
        });
        for (int i = 0; i < 3; i++) {
            template.sendBody("direct:send", "before-" + i);
        }
        await().atMost(seconds(60)).until(() -> received.size() == 3);
        context.getRouteController().stopRoute("reader");
        for (int i = 0; i < 4; i++) {
            template.sendBody("direct:send", "after-" + i);
        }

        DevConsole console = context.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class)
                .resolveById("rocketmq");
        assertThat(console).isInstanceOf(RocketMQDevConsole.class);
        await().atMost(seconds(30)).untilAsserted(() -> assertThat(lagOf(json(console, Map.of()), group)).isEqualTo(4L));

        JsonObject json = json(console, Map.of());
        JsonObject reader = only((JsonArray) json.get("consumers"), "routeId", "reader");
        assertThat(reader).containsEntry("topic", topic).containsEntry("consumerGroup", group)
                .containsEntry("messageModel", "CLUSTERING").containsEntry("consumeMode", "CONCURRENTLY")
                .containsEntry("state", "Stopped");
        assertThat(only((JsonArray) json.get("consumers"), "routeId", "listener"))
                .containsEntry("messageModel", "BROADCASTING").containsEntry("state", "Started");
        assertThat(only((JsonArray) json.get("producers"), "topic", topic)).containsEntry("sendMode", "SYNC")
                .containsEntry("transactional", false).containsEntry("state", "Started");

        JsonObject lag = only((JsonArray) json.get("groups"), "consumerGroup", group);
        assertThat(lag).containsEntry("retryTopic", "%RETRY%" + group);
        List<JsonObject> queues = ((JsonArray) lag.get("queues")).stream().map(JsonObject.class::cast)
                .filter(queue -> topic.equals(queue.get("topic"))).toList();
        assertThat(queues).hasSize(2).allSatisfy(queue -> assertThat(((Number) queue.get("lag")).longValue())
                .isEqualTo(((Number) queue.get("brokerOffset")).longValue() - ((Number) queue.get("consumerOffset")).longValue()));
        assertThat(((JsonArray) json.get("groups"))).as("broadcast groups keep offsets locally: no lag")
                .noneMatch(g -> ((JsonObject) g).get("topic").equals(otherTopic));

        assertThat((String) console.call(DevConsole.MediaType.TEXT, Map.of()))
                .contains("Route Id: reader (Stopped)", "Lag of " + group + " on " + topic + ": 4");
        assertThat(json(console, Map.of(RocketMQDevConsole.LAG, "false"))).doesNotContainKey("groups");
    }

    @Test
    void aGroupThatNeverStartedShowsTheBacklogWaitingForIt() throws Exception {
        String topic = topic("console-new", 1);
        String group = unique("console-new-g");
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + group + "&consumeFromWhere=FIRST_OFFSET").routeId("late")
                        .autoStartup(false).log("${body}");
                // the client the console asks the brokers through
                from("rocketmq:" + topic("console-new-other", 1) + "?consumerGroup=" + unique("console-new-other-g"))
                        .log("${body}");
            }
        });
        for (int i = 0; i < 2; i++) {
            template.sendBody("rocketmq:" + topic, "waiting-" + i);
        }

        DevConsole console = context.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class)
                .resolveById("rocketmq");
        // no retry topic exists for a group that never consumed
        await().atMost(seconds(30)).untilAsserted(() -> assertThat(
                only((JsonArray) json(console, Map.of()).get("groups"), "consumerGroup", group))
                .doesNotContainKey("error").containsEntry("lag", 2L).containsEntry("retryLag", 0L));
    }

    @Test
    void aPopGroupsRetryLagCountsWhatTheBrokerRevivedIntoItsPopRetryTopic() throws Exception {
        String topic = topic("console-pop", 1);
        String group = unique("console-popg");
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + group + "&consumeMode=POP").routeId("popper")
                        .process(e -> {
                            attempts.add(e.getMessage().getHeader(RocketMQConstants.RECONSUME_TIMES, Integer.class));
                            throw new IllegalStateException("fails, to be popped again after the POP retry delay");
                        });
                // keeps a consumer client of the cluster running while popper is stopped
                from("rocketmq:" + topic("console-pop-other", 1) + "?consumerGroup=" + unique("console-pop-other-g"))
                        .log("${body}");
            }
        });
        template.sendBody("rocketmq:" + topic, "poison");
        await().atMost(seconds(60)).until(() -> attempts.size() == 1);
        context.getRouteController().stopRoute("popper");

        DevConsole console = context.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class)
                .resolveById("rocketmq");
        // the broker moves the message into %RETRY%<group>_<topic> once its first POP retry delay (10 s) is over
        await().atMost(seconds(60)).untilAsserted(() -> assertThat(
                only((JsonArray) json(console, Map.of()).get("groups"), "consumerGroup", group))
                .containsEntry("lag", 0L).containsEntry("retryLag", 1L));
        JsonObject lag = only((JsonArray) json(console, Map.of()).get("groups"), "consumerGroup", group);
        assertThat(((JsonArray) lag.get("queues")).stream().map(JsonObject.class::cast)
                .filter(queue -> ((Number) queue.get("lag")).longValue() == 1).map(queue -> queue.get("topic")))
                .containsExactly("%RETRY%" + group + "_" + topic);
        assertThat(attempts).containsExactly(0);
    }

    @Test
    void countsTheCheckBacksEachProducerGroupAnswered() throws Exception {
        String topic = topic("console-tx", 1);
        String group = unique("console-txg");
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:order").to("rocketmq:" + topic + "?transactional=true&producerGroup=" + group
                                        + "&localTransaction=direct:undecided&transactionChecker=direct:check");
                from("direct:undecided").setHeader(RocketMQConstants.TRANSACTION_STATE, constant("UNKNOWN"));
                from("direct:check").setBody(constant("COMMIT"));
            }
        });
        template.sendBody("direct:order", "order-1");

        DevConsole console = context.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class)
                .resolveById("rocketmq");
        await().atMost(seconds(60)).untilAsserted(() -> assertThat(
                (JsonObject) only((JsonArray) json(console, Map.of()).get("transactions"), "producerGroup", group)
                        .get("checkBacks")).containsEntry("ROLLBACK", 0L)
                .hasEntrySatisfying("COMMIT", commits -> assertThat((Long) commits).isPositive())
                .containsEntry("WAITING", 0L).containsEntry("DROPPED", 0L));
        assertThat(only((JsonArray) json(console, Map.of()).get("producers"), "topic", topic))
                .containsEntry("transactional", true).containsEntry("producerGroup", group);
    }

    private static JsonObject json(DevConsole console, Map<String, Object> options) {
        return (JsonObject) console.call(DevConsole.MediaType.JSON, options);
    }

    private static long lagOf(JsonObject json, String group) {
        Object lag = only((JsonArray) json.get("groups"), "consumerGroup", group).get("lag");
        return lag == null ? -1 : ((Number) lag).longValue();
    }

    private static JsonObject only(JsonArray array, String key, Object value) {
        List<JsonObject> matching = array.stream().map(JsonObject.class::cast).filter(o -> value.equals(o.get(key))).toList();
        assertThat(matching).as("%s=%s in %s", key, value, array).hasSize(1);
        return matching.get(0);
    }
}
