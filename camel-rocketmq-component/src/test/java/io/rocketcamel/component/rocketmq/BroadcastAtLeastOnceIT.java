package io.rocketcamel.component.rocketmq;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Level;
import io.rocketcamel.component.rocketmq.consumer.RocketMQConsumer;
import io.rocketcamel.testsupport.CapturedLogs;
import io.rocketcamel.broker.ChildJvm;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.store.OffsetSerializeWrapper;
import org.apache.rocketmq.common.TopicConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Broadcasting keeps at-least-once: the RocketMQ client drops a failed broadcast message ("BROADCASTING, the message
 * consume failed, drop it") and keeps no offsets across restarts unless the offset file has a stable name.
 */
class BroadcastAtLeastOnceIT extends RocketMQITSupport {

    private final List<String> attempts = new CopyOnWriteArrayList<>();
    private Path offsets;

    @BeforeEach
    void offsetDirectory() throws Exception {
        // not a @TempDir: consumers persist offsets once more while contexts close in the background
        offsets = Files.createTempDirectory(Path.of("target"), "broadcast-offsets-");
    }

    private String broadcastUri(String topic, String group) {
        return "rocketmq:" + topic + "?consumerGroup=" + group + "&messageModel=BROADCASTING&offsetStoreDir=" + offsets;
    }

    @Test
    void aFailedExchangeIsRetriedByTheConsumerItself() throws Exception {
        String topic = topic("bc-retry", 2);
        AtomicInteger failuresLeft = new AtomicInteger(2);
        List<Integer> reconsumeTimes = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from(broadcastUri(topic, unique("nodes")) + "&consumeFromWhere=FIRST_OFFSET&suspendMillis=100").process(e -> {
                    attempts.add(text(e.getMessage().getBody()));
                    reconsumeTimes.add(e.getMessage().getHeader(RocketMQConstants.RECONSUME_TIMES, Integer.class));
                    if (failuresLeft.getAndDecrement() > 0) {
                        throw new IllegalStateException("fails twice");
                    }
                });
            }
        });

        template.sendBody("rocketmq:" + topic, "config-v2");

        await().atMost(seconds(20)).untilAsserted(() -> assertThat(attempts).hasSizeGreaterThanOrEqualTo(3));
        assertThat(attempts).containsExactly("config-v2", "config-v2", "config-v2");
        assertThat(reconsumeTimes).containsExactly(0, 1, 2);
    }

    /**
     * A message being retried holds its consume thread only: the client's consumeConcurrentlyMaxSpan (2,000) counts
     * the messages pulled and not yet consumed, so with the messages after it consumed its queue goes on.
     */
    @Test
    void aMessageBeingRetriedHoldsNoMessageAfterItInItsQueue() throws Exception {
        String topic = topic("bc-span", 1);
        AtomicBoolean poisonFails = new AtomicBoolean(true);
        AtomicBoolean poisonConsumed = new AtomicBoolean();
        AtomicInteger good = new AtomicInteger();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from(broadcastUri(topic, unique("nodes")) + "&consumeFromWhere=FIRST_OFFSET&suspendTime=100"
                     + "&maxReconsumeTimes=30").process(e -> {
                         String body = text(e.getMessage().getBody());
                         if (!body.equals("poison")) {
                             good.incrementAndGet();
                         } else if (poisonFails.get()) {
                             attempts.add(body);
                             throw new IllegalStateException("fails until the test lets it pass");
                         } else {
                             poisonConsumed.set(true);
                         }
                     });
            }
        });
        template.sendBody("rocketmq:" + topic, "poison");
        await().atMost(seconds(20)).until(() -> !attempts.isEmpty());

        template.sendBody("rocketmq:" + topic, IntStream.range(0, 2_500).mapToObj(i -> "good-" + i).toList());

        await().atMost(seconds(30)).until(() -> good.get() == 2_500);
        assertThat(poisonConsumed).as("the poison message still failing").isFalse();
        poisonFails.set(false);
        await().atMost(seconds(40)).untilTrue(poisonConsumed);
        assertThat(good).hasValue(2_500);
    }

    /** An Error (not an Exception) from the route is a failed exchange like any other: retried, then released. */
    @Test
    void anErrorFromTheRouteIsRetriedAndItsOffsetMovesOnAfterwards() throws Exception {
        String topic = topic("bc-error", 1);
        String group = unique("nodes");
        AtomicInteger errorsLeft = new AtomicInteger(1);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from(broadcastUri(topic, group) + "&consumeFromWhere=FIRST_OFFSET&suspendMillis=100").routeId("erring-node")
                        .process(e -> {
                            attempts.add(text(e.getMessage().getBody()));
                            if (text(e.getMessage().getBody()).equals("config-0") && errorsLeft.getAndDecrement() > 0) {
                                throw new AssertionError("an Error, not an Exception");
                            }
                        });
            }
        });
        send(topic, "config-", 2);

        await().atMost(seconds(20)).until(() -> attempts.size() >= 3);
        assertThat(attempts).containsExactlyInAnyOrder("config-0", "config-0", "config-1");
        await().atMost(seconds(20)).until(() -> {
            client("erring-node").getDefaultMQPushConsumerImpl().persistConsumerOffset();
            return storedOffsets(offsets.resolve(group)).equals(Map.of(0, 2L));
        });
    }

    @Test
    void aStoppedAndRestartedRouteResumesWhereItStopped() throws Exception {
        String topic = topic("bc-resume", 2);
        String uri = broadcastUri(topic, unique("nodes"));
        start(recorder(uri, "node-a"));
        send(topic, "before-", 3);
        await().atMost(seconds(20)).untilAsserted(() -> assertThat(attempts).hasSizeGreaterThanOrEqualTo(3));

        context.getRouteController().stopRoute("node-a");
        send(topic, "while-stopped-", 4);
        context.getRouteController().startRoute("node-a");
        send(topic, "after-", 2);

        await().atMost(seconds(20)).until(() -> attempts.size() >= 9);
        assertThat(attempts).containsExactlyInAnyOrder("before-0", "before-1", "before-2", "while-stopped-0",
                "while-stopped-1", "while-stopped-2", "while-stopped-3", "after-0", "after-1");
    }

    @Test
    void theSameRoutesInANewContextResumeFromTheNodesOffsets() throws Exception {
        String topic = topic("bc-restart", 2);
        String uri = broadcastUri(topic, unique("nodes"));
        start(recorder(uri, "config-node"));
        send(topic, "first-run-", 3);
        await().atMost(seconds(20)).untilAsserted(() -> assertThat(attempts).hasSizeGreaterThanOrEqualTo(3));
        context.stop();

        CamelContext restarted = newContext();
        try {
            restarted.start();
            send(restarted, topic, "while-down-", 3);
            restarted.addRoutes(recorder(uri, "config-node"));
            await().atMost(seconds(20)).until(() -> attempts.size() >= 6);
            assertThat(attempts).containsExactlyInAnyOrder("first-run-0", "first-run-1", "first-run-2", "while-down-0",
                    "while-down-1", "while-down-2");
        } finally {
            closeInBackground(restarted);
        }
    }

    @Test
    void aMessageStillBeingRetriedWhenTheRouteStopsComesBackWhenItStarts() throws Exception {
        String topic = topic("bc-stop-retrying", 1);
        String uri = broadcastUri(topic, unique("nodes"));
        AtomicInteger failing = new AtomicInteger(1);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from(uri + "&consumeFromWhere=FIRST_OFFSET&suspendTime=30s").routeId("retrying-node").process(e -> {
                    attempts.add(text(e.getMessage().getBody()));
                    if (failing.get() == 1) {
                        throw new IllegalStateException("the config store is down");
                    }
                });
            }
        });
        send(topic, "config-", 1);
        await().atMost(seconds(20)).until(() -> attempts.size() == 1);
        // the next attempt is 30 s away: later messages of the queue go on meanwhile
        send(topic, "later-", 1);
        await().atMost(seconds(20)).until(() -> attempts.contains("later-0"));

        context.getRouteController().stopRoute("retrying-node");
        failing.set(0);
        context.getRouteController().startRoute("retrying-node");

        await().atMost(seconds(20)).until(() -> attempts.stream().filter("config-0"::equals).count() == 2);
        assertThat(attempts.subList(0, 2)).containsExactly("config-0", "later-0");
    }

    /**
     * The client first writes broadcast offsets 10 s after start: a node killed before then came back with no file and
     * started at the end of the queues again, skipping what was sent while it was down (the fault suite lost 2,845 of
     * 6,000 messages that way). A new node's starting offsets are stored as soon as it gets its queues.
     */
    @Test
    void aNewNodeStoresWhereItStartsAtOnce() throws Exception {
        String topic = topic("bc-first-write", 2);
        String group = unique("nodes");
        start(recorder(broadcastUri(topic, group), "fresh-node"));

        await().atMost(seconds(5)).untilAsserted(() -> assertThat(storedQueues(offsets.resolve(group)))
                .containsExactlyInAnyOrder(0, 1));
    }

    /**
     * Two processes with the same node name (the default, host name and route id, when one host runs the application
     * twice) kept their offsets in one file: each wrote its progress over the other's, so a node that restarted resumed
     * past messages it never had, and their writes raced through one temporary file. The file is now locked by the
     * process that keeps it: another is refused at route start, naming the file and the options that tell nodes apart.
     */
    @Test
    void aSecondProcessWithTheSameNodeNameIsRefusedAtRouteStart() throws Exception {
        String topic = topic("bc-two-processes", 1);
        String group = unique("nodes");
        String uri = broadcastUri(topic, group) + "&broadcastNodeId=twin";
        try (ChildJvm other = ChildJvm.start(List.of("-Xmx64m"), BroadcastOffsetHolder.class.getName(),
                List.of(offsets.toString(), group, topic, "twin"), Path.of("target", unique("offset-holder") + ".log"),
                "HOLDING", seconds(60))) {
            CamelContext second = newContext();
            try {
                second.addRoutes(recorder(uri, "twin"));
                assertThatThrownBy(second::start).hasStackTraceContaining("Another process (")
                        .hasStackTraceContaining(offsets.resolve(group).toString())
                        .hasStackTraceContaining("broadcastNodeId or offsetStoreDir");
            } finally {
                closeInBackground(second);
            }
        }

        // the lock went with the process
        start(recorder(uri, "twin"));
        send(topic, "after-", 1);
        await().atMost(seconds(20)).until(() -> attempts.contains("after-0"));
    }

    /** An empty offset file (a write cut short) made the node a new one, starting at the end of its queues. */
    @Test
    void anEmptyOffsetFileFailsTheRouteStartNamingIt() throws Exception {
        String topic = topic("bc-empty-file", 1);
        String group = unique("nodes");
        Path file = offsets.resolve(group).resolve(topic + "@emptied.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "");
        CamelContext node = newContext();
        try {
            node.addRoutes(recorder(broadcastUri(topic, group) + "&broadcastNodeId=emptied", "emptied"));
            assertThatThrownBy(node::start).hasStackTraceContaining("Broadcast offset file " + file.toAbsolutePath()
                                                                    + " is empty");
        } finally {
            closeInBackground(node);
        }
    }

    /**
     * A queue leaves a node's assignment for a while (a broker of the cluster restarting, an operator shrinking the
     * readable queues first, as RocketMQ advises) and comes back: the node resumes it where it left it. Each write of
     * the offset file used to drop such a queue, which then restarted at the end (LAST_OFFSET, the default), skipping
     * what arrived meanwhile. Here the readable queues go from 2 to 1 while producers still write to both.
     */
    @Test
    void aQueueThatLeavesTheAssignmentAndComesBackResumesWhereTheNodeLeftIt() throws Exception {
        String topic = topic("bc-queue-returns", 2);
        String group = unique("nodes");
        startNodeOnTwoQueues(topic, group);
        send(topic, "before-", 4);
        await().atMost(seconds(20)).until(() -> attempts.size() == 4);

        readableQueues(topic, 1);
        await().atMost(seconds(30)).until(() -> !assigned("node", 1));
        // a write of the node's offsets after the queue left: the one the client makes every 5 s, made now
        client("node").getDefaultMQPushConsumerImpl().persistConsumerOffset();
        send(topic, "while-unreadable-", 4);

        readableQueues(topic, 2);
        await().atMost(seconds(30)).until(() -> assigned("node", 1));

        await().atMost(seconds(20)).untilAsserted(() -> assertThat(attempts).containsExactlyInAnyOrder("before-0",
                "before-1", "before-2", "before-3", "while-unreadable-0", "while-unreadable-1", "while-unreadable-2",
                "while-unreadable-3"));
    }

    /**
     * A queue leaves the node's assignment while its message waits between retries, and comes back: the queue starts
     * again at the message, held in the offset file, with attempts of its own. The retries of the queue it left went
     * on beside them: the message ran on two threads and was dead-lettered twice.
     */
    @Test
    void aQueueThatLeavesAndComesBackDuringRetriesGivesItsMessageUpOnce() throws Exception {
        String topic = topic("bc-retry-returns", 2);
        String group = unique("nodes");
        List<String> parked = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("direct:parked-broadcast").process(e -> parked.add(text(e.getMessage().getBody())));
                from(broadcastUri(topic, group) + "&maxReconsumeTimes=3&suspendTime=1000"
                     + "&deadLetterUri=direct:parked-broadcast").routeId("node").process(e -> {
                         attempts.add(text(e.getMessage().getBody()));
                         throw new IllegalStateException("cannot apply");
                     });
            }
        });
        await().atMost(seconds(10)).until(() -> storedQueues(offsets.resolve(group)).size() == 2);
        send(topic, "m", 2);
        await().atMost(seconds(10)).until(() -> attempts.containsAll(List.of("m0", "m1")));

        readableQueues(topic, 1);
        await().atMost(seconds(10)).until(() -> !assigned("node", 1));
        readableQueues(topic, 2);
        await().atMost(seconds(10)).until(() -> assigned("node", 1));

        await().atMost(seconds(60)).until(() -> parked.containsAll(List.of("m0", "m1")));
        // the second sequence of attempts ends up to 4 s after the first
        await().during(seconds(6)).atMost(seconds(15))
                .untilAsserted(() -> assertThat(parked).containsExactlyInAnyOrder("m0", "m1"));
    }

    /**
     * The default node name holds the route id, and one Camel generated ({@code route7}) counts routes JVM-wide: it
     * changes when routes are added or reordered, and the node under its new name starts afresh. The route's start
     * warns; a route id or a broadcastNodeId keeps it quiet.
     */
    @Test
    void aBroadcastRouteNamedByAGeneratedRouteIdIsWarnedAbout() throws Exception {
        String topic = topic("bc-generated-id", 1);
        try (CapturedLogs logged = new CapturedLogs("io.rocketcamel.component.rocketmq.consumer.offsets")) {
            start(new RouteBuilder() {
                @Override
                public void configure() {
                    from(broadcastUri(topic, unique("unnamed"))).to("log:unnamed?level=OFF");
                    from(broadcastUri(topic, unique("named"))).routeId("named-node").to("log:named?level=OFF");
                    from(broadcastUri(topic, unique("node-id")) + "&broadcastNodeId=node-1").to("log:node-id?level=OFF");
                }
            });
            assertThat(logged.messages(Level.WARN)).singleElement().satisfies(warning -> assertThat(warning)
                    .contains("Route route", "consumes " + topic + " BROADCASTING", "a route id Camel generated",
                            "consumeFromWhere=LAST_OFFSET", "set broadcastNodeId"));
        }
    }

    /**
     * A node's file names every queue the node read. A queue it does not name when the node starts again was added to
     * the topic while the node was away, so all it holds came after the node last ran: it was started where a new node
     * starts (consumeFromWhere, the end by default), skipping what was sent to it meanwhile.
     */
    @Test
    void aQueueAddedWhileTheNodeWasStoppedIsReadFromItsStart() throws Exception {
        String topic = topic("bc-grown", 2);
        String group = unique("nodes");
        startNodeOnTwoQueues(topic, group);
        send(topic, "before-", 2);
        await().atMost(seconds(20)).until(() -> attempts.size() == 2);
        context.getRouteController().stopRoute("node");

        broker.createTopic(topic, 4);
        // round robin from queue 0: two messages to each of the four queues, four to the two added ones
        for (int i = 0; i < 8; i++) {
            broker.send(topic, "while-stopped-" + i);
        }
        context.getRouteController().startRoute("node");

        await().atMost(seconds(20)).untilAsserted(() -> assertThat(attempts).containsExactlyInAnyOrder("before-0",
                "before-1", "while-stopped-0", "while-stopped-1", "while-stopped-2", "while-stopped-3",
                "while-stopped-4", "while-stopped-5", "while-stopped-6", "while-stopped-7"));
        assertThat(storedQueues(offsets.resolve(group))).containsExactlyInAnyOrder(0, 1, 2, 3);
    }

    /**
     * A node's offset file outlives the queues it counts in: the topic deleted and created again, or an embedded broker
     * with a temporary store started anew under a node whose offsets are in a lasting directory. The stored offset is
     * then past the queue's end, and RocketMQ's client moved it down to that end, so every message already in the new
     * queue was skipped. A stored offset past the end means none of the queue's messages was seen: they are consumed.
     */
    @Test
    void aStoredOffsetPastTheEndOfARecreatedQueueConsumesWhatTheQueueHolds() throws Exception {
        String topic = topic("bc-recreated", 2);
        String group = unique("nodes");
        start(recorder(broadcastUri(topic, group), "node"));
        send(topic, "old-", 8);
        // the client moves an offset after the exchange; then the write it makes every 5 s, made now
        await().atMost(seconds(20)).until(() -> {
            client("node").getDefaultMQPushConsumerImpl().persistConsumerOffset();
            return storedOffsets(offsets.resolve(group)).equals(Map.of(0, 4L, 1, 4L));
        });
        context.getRouteController().stopRoute("node");

        brokerController().getTopicConfigManager().deleteTopicConfig(topic);
        brokerController().getMessageStore().deleteTopics(Set.of(topic));
        broker.createTopic(topic, 2);
        send(topic, "new-", 4);
        attempts.clear();
        try (CapturedLogs logged = new CapturedLogs("io.rocketcamel.component.rocketmq.consumer.offsets")) {
            context.getRouteController().startRoute("node");

            await().atMost(seconds(20)).untilAsserted(() -> assertThat(attempts).containsExactlyInAnyOrder("new-0",
                    "new-1", "new-2", "new-3"));
            assertThat(logged.messages(Level.WARN)).hasSize(2).allSatisfy(warning -> assertThat(warning)
                    .contains("Offset 4 of MessageQueue [topic=" + topic, offsets.toString(), "past the queue's end (2)"));
        }
    }

    /** A node "node" with the default start (LAST_OFFSET), once it has stored where it starts on both queues. */
    private void startNodeOnTwoQueues(String topic, String group) throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from(broadcastUri(topic, group)).routeId("node").process(e -> attempts.add(text(e.getMessage().getBody())));
            }
        });
        await().atMost(seconds(10)).until(() -> storedQueues(offsets.resolve(group)).size() == 2);
    }

    /** Changes the readable queues only (producers keep writing to both) and tells the name server at once. */
    private void readableQueues(String topic, int readable) {
        brokerController().getTopicConfigManager().updateTopicConfig(new TopicConfig(topic, readable, 2));
        brokerController().registerBrokerAll(true, false, true);
    }

    /** Whether the route's client consumes the queue; asks for a rebalance, which the client otherwise runs every 20 s. */
    private boolean assigned(String routeId, int queueId) {
        DefaultMQPushConsumer client = client(routeId);
        client.getDefaultMQPushConsumerImpl().getmQClientFactory().rebalanceImmediately();
        return client.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable().keySet().stream()
                .anyMatch(mq -> mq.getQueueId() == queueId);
    }

    /**
     * A broadcast exchange still running past consumeTimeout (a slow call; a route suspended with messages already
     * pulled) is taken out of its process queue by the client, which "sends it back" to the group's retry topic: no
     * broadcasting consumer reads it. The next message of the queue then moved the stored offset past the one still in
     * the route, so a node dying before that route ended never saw it again. The client looks for such messages once
     * every consumeTimeout (a minute at least); the test runs that look itself, with a threshold of zero.
     */
    @Test
    void theStoredOffsetStaysAtAMessageStillInTheRouteAfterTheClientExpiredIt() throws Exception {
        String topic = topic("bc-expired", 1);
        String group = unique("nodes");
        AtomicLong slowOffset = new AtomicLong(-1);
        CountDownLatch slowMayEnd = new CountDownLatch(1);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from(broadcastUri(topic, group) + "&consumeFromWhere=FIRST_OFFSET").routeId("slow-node").process(e -> {
                    attempts.add(text(e.getMessage().getBody()));
                    if (text(e.getMessage().getBody()).equals("slow")) {
                        slowOffset.set(e.getMessage().getHeader(RocketMQConstants.QUEUE_OFFSET, Long.class));
                        slowMayEnd.await(60, TimeUnit.SECONDS);
                    }
                });
            }
        });
        try {
            template.sendBody("rocketmq:" + topic, "slow");
            await().atMost(seconds(20)).until(() -> slowOffset.get() >= 0);

            DefaultMQPushConsumer client = client("slow-node");
            client.setConsumeTimeout(0);
            client.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable()
                    .forEach((queue, processQueue) -> processQueue.cleanExpiredMsg(client));
            template.sendBody("rocketmq:" + topic, "next");
            // the next message done, the client's offset of the queue is past both; then the write it makes every 5 s
            await().atMost(seconds(20)).until(() -> client.getOffsetStore().cloneOffsetTable(topic).values().stream()
                    .anyMatch(offset -> offset > slowOffset.get() + 1));
            client.getDefaultMQPushConsumerImpl().persistConsumerOffset();

            assertThat(storedOffsets(offsets.resolve(group)).get(0))
                    .as("stored offset while the message at offset %d is still in the route", slowOffset.get())
                    .isLessThanOrEqualTo(slowOffset.get());
        } finally {
            slowMayEnd.countDown();
        }
    }

    /** The queue ids in the node's offset file, empty while it has none. */
    private static List<Integer> storedQueues(Path groupDirectory) throws IOException {
        return List.copyOf(storedOffsets(groupDirectory).keySet());
    }

    /** The node's offset file: offset by queue id, empty while it has none. */
    private static Map<Integer, Long> storedOffsets(Path groupDirectory) throws IOException {
        Path file = offsetFile(groupDirectory);
        if (file == null) {
            return Map.of();
        }
        OffsetSerializeWrapper stored = OffsetSerializeWrapper.fromJson(Files.readString(file), OffsetSerializeWrapper.class);
        Map<Integer, Long> offsets = new TreeMap<>();
        stored.getOffsetTable().forEach((queue, offset) -> offsets.put(queue.getQueueId(), offset.get()));
        return offsets;
    }

    private static Path offsetFile(Path groupDirectory) throws IOException {
        if (!Files.isDirectory(groupDirectory)) {
            return null;
        }
        try (var files = Files.walk(groupDirectory)) {
            List<Path> json = files.filter(p -> p.toString().endsWith(".json")).toList();
            assertThat(json).as("offset files of one node").hasSizeLessThanOrEqualTo(1);
            return json.isEmpty() ? null : json.get(0);
        }
    }

    private DefaultMQPushConsumer client(String routeId) {
        return ((RocketMQConsumer) context.getRoute(routeId).getConsumer()).client();
    }

    private void send(String topic, String prefix, int count) {
        send(context, topic, prefix, count);
    }

    private static void send(CamelContext from, String topic, String prefix, int count) {
        try (var sender = from.createProducerTemplate()) {
            IntStream.range(0, count).forEach(i -> sender.sendBody("rocketmq:" + topic, prefix + i));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private RouteBuilder recorder(String uri, String routeId) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri + "&consumeFromWhere=FIRST_OFFSET").routeId(routeId)
                        .process(e -> attempts.add(text(e.getMessage().getBody())));
            }
        };
    }
}
