package io.rocketcamel.component.rocketmq;

import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rocketcamel.testsupport.TestClients;
import org.apache.camel.builder.RouteBuilder;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A clustering group that had consumed a topic, stopped, and found a queue added to the topic while it was stopped
 * holds no offset there: consumeFromWhere, which decides where a new group starts, started it at that queue's end
 * (LAST_OFFSET, whenever the broker had no start of its own to offer: the queue's first messages gone or out of its
 * page cache) or at consumeTimestamp (TIMESTAMP), skipping what was sent there while the group was stopped.
 */
class GrownTopicRestartIT extends RocketMQITSupport {

    /** ORDERLY consumers share the offset store and its start decision (both failed on the code before). */
    @Test
    void whatAQueueAddedWhileTheGroupWasStoppedHeldIsConsumedAfterTheRestart() throws Exception {
        try (Grown grown = new Grown("grown-last", "consumeMode=CONCURRENTLY")) {
            grown.consumeStopAndGrow();
            grown.send("expired");
            grown.send("kept-1");
            grown.send("kept-2");
            // retention removed the added queue's first message: the broker offers the group no start there
            removeFirstMessages(grown.topic, 1, 1);

            grown.restart("consumeMode=CONCURRENTLY");
            grown.assertConsumedAfterRestart("kept-1", "kept-2");
        }
    }

    @Test
    void aGroupStartingAtATimestampConsumesWhatAQueueAddedWhileItWasStoppedHeldBeforeThatTime() throws Exception {
        try (Grown grown = new Grown("grown-timestamp", "consumeFromWhere=TIMESTAMP&consumeTimestamp=20250101000000")) {
            grown.consumeStopAndGrow();
            grown.send("kept-1");
            grown.send("kept-2");
            // the group restarts with a consumeTimestamp after those messages (as the default, 30 minutes before the
            // start, is after them when the group stayed stopped longer)
            long sentSecond = System.currentTimeMillis() / 1000;
            await().atMost(seconds(3)).until(() -> System.currentTimeMillis() / 1000 > sentSecond);
            String now = new SimpleDateFormat("yyyyMMddHHmmss").format(new Date());

            grown.restart("consumeFromWhere=TIMESTAMP&consumeTimestamp=" + now);
            grown.assertConsumedAfterRestart("kept-1", "kept-2");
        }
    }

    /**
     * The other side: a new group still starts at the end of queues whose old messages it never consumed, though its
     * start reads what the group had consumed before.
     */
    @Test
    void aNewGroupStartsAtTheEndOfQueuesHoldingOldMessages() throws Exception {
        String topic = topic("grown-new-group", 2);
        String brokerName = broker.getBrokerNames().get(0);
        List<String> received = new CopyOnWriteArrayList<>();
        try (TestClients clients = new TestClients(broker.getNamesrvAddr())) {
            DefaultMQProducer producer = clients.producer();
            for (int queueId = 0; queueId < 2; queueId++) {
                for (String body : List.of("expired", "old-1", "old-2")) {
                    producer.send(new Message(topic, body.getBytes(StandardCharsets.UTF_8)),
                            new MessageQueue(topic, brokerName, queueId));
                }
                removeFirstMessages(topic, queueId, 1);
            }
            start(new RouteBuilder() {
                @Override
                public void configure() {
                    from("rocketmq:" + topic + "?consumerGroup=" + unique("grown-new-group-g"))
                            .process(e -> received.add(text(e.getMessage().getBody())));
                }
            });
            for (int queueId = 0; queueId < 2; queueId++) {
                producer.send(new Message(topic, ("new-" + queueId).getBytes(StandardCharsets.UTF_8)),
                        new MessageQueue(topic, brokerName, queueId));
            }

            await().atMost(seconds(20)).until(() -> received.size() >= 2);
            assertThat(received).containsExactlyInAnyOrder("new-0", "new-1");
        }
    }

    /** A one-queue topic consumed by a group, which stops; the topic then gets a second queue. */
    private final class Grown implements AutoCloseable {
        final String topic;
        final String group;
        final List<String> received = new CopyOnWriteArrayList<>();
        final TestClients clients = new TestClients(broker.getNamesrvAddr());
        final String brokerName = broker.getBrokerNames().get(0);

        Grown(String prefix, String options) throws Exception {
            topic = topic(prefix, 1);
            group = unique(prefix + "-g");
            route("first", options);
        }

        void consumeStopAndGrow() throws Exception {
            clients.producer().send(message("before"), new MessageQueue(topic, brokerName, 0));
            await().atMost(seconds(20)).until(() -> received.contains("before"));
            context.getRouteController().stopRoute("first");
            broker.createTopic(topic, 2);
        }

        /** Sends to the added queue. */
        void send(String body) throws Exception {
            clients.producer().send(message(body), new MessageQueue(topic, brokerName, 1));
        }

        /** The group's route again, with these options (a route of its own: an endpoint's options are fixed). */
        void restart(String options) throws Exception {
            context.getRouteController().stopRoute("first");
            context.removeRoute("first");
            route("again", options);
        }

        /** What the added queue held and a message sent after the restart, each once (concurrently: in any order). */
        void assertConsumedAfterRestart(String... kept) throws Exception {
            send("after-restart");
            List<String> expected = new ArrayList<>(List.of("before"));
            expected.addAll(List.of(kept));
            expected.add("after-restart");
            await().atMost(seconds(20)).until(() -> received.containsAll(expected));
            assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
        }

        @Override
        public void close() {
            clients.close();
        }

        private void route(String routeId, String options) throws Exception {
            start(new RouteBuilder() {
                @Override
                public void configure() {
                    from("rocketmq:" + topic + "?consumerGroup=" + group + "&" + options).routeId(routeId)
                            .process(e -> received.add(text(e.getMessage().getBody())));
                }
            });
        }

        private Message message(String body) {
            return new Message(topic, body.getBytes(StandardCharsets.UTF_8));
        }
    }
}
