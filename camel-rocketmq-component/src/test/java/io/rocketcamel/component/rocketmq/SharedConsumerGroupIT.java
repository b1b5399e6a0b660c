package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import ch.qos.logback.classic.Level;
import io.rocketcamel.testsupport.CapturedLogs;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.util.ObjectHelper;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Routes of one consumer group must subscribe alike: RocketMQ keeps one subscription per group and topic and shares
 * each topic's queues among all the group's consumers. Two routes of a group with tags A and B each started, and route
 * A got 0 of its 20 messages, route B 10 of 20 (the broker filtered by B; B's other queues went to A's client); on two
 * topics, 0 of 40 and 20 of 40 (run here on the code before). Now the second route fails its start, naming both.
 */
class SharedConsumerGroupIT extends RocketMQITSupport {

    private final List<String> received = new CopyOnWriteArrayList<>();

    @Test
    void aRouteOfTheGroupWithOtherTagsFailsToStartAndTheFirstLosesNothing() throws Exception {
        String topic = topic("shared-tags", 4);
        String group = unique("shared");
        start(route("tags-a", topic + "?consumerGroup=" + group + "&tags=A"));

        assertThatThrownBy(() -> start(route("tags-b", topic + "?consumerGroup=" + group + "&tags=B")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Route tags-b cannot consume with consumerGroup=" + group + " (topic " + topic
                                      + ", tags=B, CLUSTERING, CONCURRENTLY): route tags-a of this JVM consumes with"
                                      + " that group (topic " + topic + ", tags=A, CLUSTERING, CONCURRENTLY)")
                .hasMessageContaining("give this route a consumerGroup of its own");

        for (int i = 0; i < 20; i++) {
            template.sendBody("rocketmq:" + topic + "?tags=A", "a-" + i);
            template.sendBody("rocketmq:" + topic + "?tags=B", "b-" + i);
        }
        await().atMost(seconds(30)).until(() -> received.size() >= 20);
        assertThat(received).as("route tags-a").containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.range(0, 20).mapToObj(i -> "tags-a:a-" + i).toList());
    }

    @Test
    void aRouteOfTheGroupOnAnotherTopicFailsToStartAlsoInAnotherCamelContext() throws Exception {
        String first = topic("shared-t1", 4);
        String second = topic("shared-t2", 4);
        String group = unique("shared");
        start(route("first", first + "?consumerGroup=" + group));
        CamelContext other = newContext();
        try {
            other.start();
            assertThatThrownBy(() -> other.addRoutes(route("second", second + "?consumerGroup=" + group)))
                    .hasMessageContaining("Route second cannot consume with consumerGroup=" + group
                                                      + " (topic " + second + ", every tag, CLUSTERING, CONCURRENTLY)")
                    .hasMessageContaining("route first of this JVM consumes with that group (topic " + first);

            // once the first route stopped, the group is free for another subscription
            context.getRouteController().stopRoute("first");
            other.addRoutes(route("second-again", second + "?consumerGroup=" + group));
            template.sendBody("rocketmq:" + second, "b-1");
            await().atMost(seconds(30)).until(() -> received.contains("second-again:b-1"));
        } finally {
            closeInBackground(other);
        }
    }

    /**
     * A consumer of the group outside this JVM's routes (here the official client on its own, as another service
     * would run it) cannot be refused from here; the broker knows it, and the route's start warns about it.
     */
    @Test
    void aConsumerOfTheGroupElsewhereThatSubscribesOtherwiseIsWarnedAbout() throws Exception {
        String theirs = topic("shared-elsewhere", 2);
        String ours = topic("shared-here", 2);
        String group = unique("shared");
        DefaultMQPushConsumer elsewhere = startElsewhere(group, theirs, consumer -> consumer.registerMessageListener(
                (MessageListenerConcurrently) (messages, context) -> ConsumeConcurrentlyStatus.CONSUME_SUCCESS));
        try (CapturedLogs logs = new CapturedLogs("io.rocketcamel")) {
            start(route("here", ours + "?consumerGroup=" + group));

            await().atMost(seconds(20)).untilAsserted(() -> assertThat(logs.messages(Level.WARN)).anySatisfy(m -> assertThat(m)
                    .contains("Route here: consumer group " + group + " has a consumer that subscribes otherwise")
                    .contains(theirs).contains(ours).contains("give one of them a group of its own")));
        } finally {
            elsewhere.shutdown();
        }
    }

    /**
     * While a member of the group holds ORDERLY queue locks, the brokers send every retry of the group straight to its
     * dead-letter topic: an audit's CONCURRENTLY route beside an ORDERLY consumer of its group had every retry
     * dead-lettered at the first failure. The route's start names such a member.
     */
    @Test
    void anOrderlyConsumerOfTheGroupBesideAConcurrentlyRouteIsWarnedAbout() throws Exception {
        String topic = topic("shared-modes", 2);
        String group = unique("shared");
        DefaultMQPushConsumer orderly = startElsewhere(group, topic, consumer -> consumer.registerMessageListener(
                (MessageListenerOrderly) (messages, context) -> ConsumeOrderlyStatus.SUCCESS));
        try (CapturedLogs logs = new CapturedLogs("io.rocketcamel")) {
            start(route("concurrently", topic + "?consumerGroup=" + group));

            await().atMost(seconds(20)).untilAsserted(() -> assertThat(logs.messages(Level.WARN))
                    .anySatisfy(m -> assertThat(m)
                    .contains("Route concurrently: consumer group " + group + " has a consumer that consumes ORDERLY")
                    .contains("this route not ORDERLY").contains("straight to its dead-letter topic")));
            assertThat(logs.messages(Level.WARN)).noneMatch(m -> m.contains("subscribes otherwise"));
        } finally {
            orderly.shutdown();
        }
    }

    /** A consumer of the group outside the routes: the official client on its own, as another service runs it. */
    private DefaultMQPushConsumer startElsewhere(String group, String topic, Consumer<DefaultMQPushConsumer> listening)
            throws Exception {
        DefaultMQPushConsumer elsewhere = new DefaultMQPushConsumer(group);
        elsewhere.setNamesrvAddr(broker.getNamesrvAddr());
        elsewhere.setInstanceName(unique("elsewhere"));
        elsewhere.subscribe(topic, "*");
        listening.accept(elsewhere);
        elsewhere.start();
        return elsewhere;
    }

    /** Routes subscribed alike share the group's queues: each message once, by one of them. */
    @Test
    void routesSubscribedAlikeShareTheGroup() throws Exception {
        String topic = topic("shared-alike", 4);
        String group = unique("shared");
        start(route("one", topic + "?consumerGroup=" + group + "&tags=A,B"));
        start(route("two", topic + "?consumerGroup=" + group + "&tags=B || A"));
        for (int i = 0; i < 40; i++) {
            template.sendBody("rocketmq:" + topic + "?tags=" + (i % 2 == 0 ? "A" : "B"), "m-" + i);
        }
        await().atMost(seconds(30)).until(() -> received.size() >= 40);
        assertThat(received.stream().map(r -> r.substring(r.indexOf(':') + 1)))
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 40).mapToObj(i -> "m-" + i).toList());
    }

    /**
     * A replyToTopic producer reads its replies with replyToConsumerGroup, a group its user names: one that is also a
     * consumer route's group on another topic split both topics' queues between the two clients, and part of each
     * was never read.
     */
    @Test
    void aReplyGroupThatIsARoutesGroupFailsTheLaterStart() throws Exception {
        String topic = topic("shared-replies", 4);
        String requests = topic("shared-requests", 1);
        String replies = topic("shared-reply-topic", 1);
        String group = unique("shared");
        start(route("orders", topic + "?consumerGroup=" + group));

        assertThatThrownBy(() -> start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").routeId("asking").to("rocketmq:" + requests + "?replyToTopic=" + replies
                        + "&replyToConsumerGroup=" + group);
            }
        })).satisfies(e -> assertThat(ObjectHelper.getException(IllegalArgumentException.class, e))
                .hasMessageContaining("The reply consumer of rocketmq:" + requests + " (replyToTopic=" + replies
                                      + ") cannot consume with consumerGroup=" + group)
                .hasMessageContaining("route orders of this JVM consumes with that group (topic " + topic)
                .hasMessageContaining("give its replyToConsumerGroup a group of its own"));

        for (int i = 0; i < 20; i++) {
            template.sendBody("rocketmq:" + topic, "m-" + i);
        }
        await().atMost(seconds(30)).until(() -> received.size() == 20);
    }

    private RouteBuilder route(String id, String uri) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + uri).routeId(id).process(e -> received.add(id + ":" + text(e.getMessage().getBody())));
            }
        };
    }
}
