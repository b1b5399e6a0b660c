package io.rocketcamel.component.rocketmq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import io.rocketcamel.component.rocketmq.producer.UnsendableMessageException;
import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.processor.aggregate.GroupedExchangeAggregationStrategy;
import org.apache.camel.support.DefaultMessage;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.store.PutMessageStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.apache.camel.builder.Builder.constant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A list body whose Camel messages (or aggregated exchanges) name their own topic in
 * {@link RocketMQConstants#OVERRIDE_TOPIC}, as camel-kafka reads it per element: each goes to that topic, those without
 * to the exchange's. The header belongs to the send, as the exchange's own does: it leaves the messages once the send
 * completed, and a retry of the failed send to the same endpoint finds it again.
 */
class PerMessageTopicIT extends RocketMQITSupport {

    private static final int ELEMENTS = 12;

    /** Element i: key k(i % 4), topic {@code named[i % 3]}, null for the endpoint's. */
    private static String[] named(String first, String second) {
        return new String[] { first, second, null };
    }

    @ParameterizedTest
    @ValueSource(strings = { "sendMode=SYNC", "sendMode=ASYNC", "sendMode=ASYNC&batchSize=8", "sendMode=ONEWAY" })
    void eachAggregatedExchangeGoesToTheTopicItNamesInItsKeysQueue(String sending) throws Exception {
        String endpointTopic = topic("per-msg-endpoint", 4);
        String[] topics = named(topic("per-msg-a", 4), topic("per-msg-b", 4));
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:aggregate").aggregate(constant(true), new GroupedExchangeAggregationStrategy())
                        .completionSize(ELEMENTS).to("rocketmq:" + endpointTopic + "?orderKey=$<header.orderId>&" + sending);
            }
        });

        for (int i = 0; i < ELEMENTS; i++) {
            int element = i;
            template.send("direct:aggregate", e -> {
                e.getMessage().setBody("m" + element);
                e.getMessage().setHeader("orderId", "k" + element % 4);
                if (topics[element % 3] != null) {
                    e.getMessage().setHeader(RocketMQConstants.OVERRIDE_TOPIC, topics[element % 3]);
                }
            });
        }

        for (int t = 0; t < 3; t++) {
            String topic = topics[t] != null ? topics[t] : endpointTopic;
            int which = t;
            List<Integer> elements = IntStream.range(0, ELEMENTS).filter(i -> i % 3 == which).boxed().toList();
            List<MessageExt> stored = broker.awaitMessages(topic, elements.size(), seconds(20));
            assertThat(stored).as(topic).extracting(m -> text(m.getBody()))
                    .containsExactlyInAnyOrderElementsOf(elements.stream().map(i -> "m" + i).toList());
            assertThat(stored).as(topic).allSatisfy(m -> {
                assertThat(m.getQueueId()).isEqualTo(OrderKeyQueueSelector.queueIndex(m.getUserProperty("orderId"), 4));
                assertThat(m.getUserProperty(RocketMQConstants.OVERRIDE_TOPIC)).isNull();
            });
            if (!sending.contains("ONEWAY")) {
                for (int q = 0; q < 4; q++) {
                    int queue = q;
                    // each key's messages of this topic in the list's order, in the key's queue
                    assertThat(broker.messages(topic, queue)).as(topic + " queue " + queue).extracting(m -> text(m.getBody()))
                            .containsExactlyElementsOf(elements.stream()
                                    .filter(i -> OrderKeyQueueSelector.queueIndex("k" + i % 4, 4) == queue)
                                    .map(i -> "m" + i).toList());
                }
            }
        }
        await().during(Duration.ofSeconds(1)).atMost(seconds(3)).until(() -> broker.messageCount(endpointTopic) == 4);
    }

    @ParameterizedTest
    @ValueSource(strings = { "sendMode=SYNC", "sendMode=ASYNC&batchSize=8" })
    void aListOfCamelMessagesWithoutKeysGoesToTheTopicsItsMessagesName(String sending) {
        String endpointTopic = topic("per-msg-plain", 2);
        String other = topic("per-msg-plain-other", 2);
        List<org.apache.camel.Message> list = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            org.apache.camel.Message element = new DefaultMessage(context);
            element.setBody("m" + i);
            if (i % 2 == 0) {
                element.setHeader(RocketMQConstants.OVERRIDE_TOPIC, other);
            }
            list.add(element);
        }

        Exchange sent = template.send("rocketmq:" + endpointTopic + "?" + sending, e -> e.getMessage().setBody(list));

        assertThat(sent.getException()).isNull();
        assertThat(broker.awaitMessages(other, 3, seconds(10))).extracting(m -> text(m.getBody()))
                .containsExactlyInAnyOrder("m0", "m2", "m4");
        assertThat(broker.awaitMessages(endpointTopic, 3, seconds(10))).extracting(m -> text(m.getBody()))
                .containsExactlyInAnyOrder("m1", "m3", "m5");
        assertThat(list).as("sent: the topics leave the messages").allSatisfy(m -> assertThat(m.getHeaders())
                .doesNotContainKey(RocketMQConstants.OVERRIDE_TOPIC));
    }

    @Test
    void aTopicNamedByAMessageOfTheListThatRocketMQRefusesFailsTheExchangeBeforeAnythingIsSent() {
        String endpointTopic = topic("per-msg-refused", 1);
        List<org.apache.camel.Message> list = new ArrayList<>();
        for (String topic : new String[] { null, "no such topic" }) {
            org.apache.camel.Message element = new DefaultMessage(context);
            element.setBody("to " + topic);
            if (topic != null) {
                element.setHeader(RocketMQConstants.OVERRIDE_TOPIC, topic);
            }
            list.add(element);
        }

        Exchange failed = template.send("rocketmq:" + endpointTopic, e -> e.getMessage().setBody(list));

        assertThat(failed.getException()).isInstanceOf(UnsendableMessageException.class)
                .hasMessageStartingWith("Header " + RocketMQConstants.OVERRIDE_TOPIC + " of a message of the exchange's list"
                                        + " body: no such topic is refused by RocketMQ");
        await().during(Duration.ofSeconds(1)).atMost(seconds(3)).until(() -> broker.messageCount(endpointTopic) == 0);
    }

    /** Camel's redelivery copies the message back, not the list's messages it refers to: their topics must come back. */
    @Test
    void aRedeliveredListSendsEachMessageToItsTopicAgain() throws Exception {
        String endpointTopic = topic("per-msg-redelivered", 1);
        String other = topic("per-msg-redelivered-other", 1);
        AtomicBoolean refusedOnce = new AtomicBoolean();
        refuseStoring(m -> m.getTopic().equals(other) && refusedOnce.compareAndSet(false, true),
                PutMessageStatus.MESSAGE_ILLEGAL);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(defaultErrorHandler().maximumRedeliveries(2).redeliveryDelay(0));
                from("direct:list").to("rocketmq:" + endpointTopic);
            }
        });

        Exchange sent = template.send("direct:list", e -> e.getMessage().setBody(elements(other, endpointTopic)));

        assertThat(sent.getException()).isNull();
        assertThat(refusedOnce).isTrue();
        assertThat(broker.awaitMessages(other, 2, seconds(10))).extracting(m -> text(m.getBody()))
                .containsExactly("named-0", "named-1");
        await().during(Duration.ofSeconds(1)).atMost(seconds(3)).until(() -> broker.messageCount(other) == 2
                                                                             && broker.messageCount(endpointTopic) == 1);
        assertThat(broker.messages(endpointTopic)).extracting(m -> text(m.getBody())).containsExactly("own");
    }

    /** A dead letter channel's rocketmq endpoint parks the whole list in its own topic, not in the topic that failed. */
    @Test
    void aDeadLetterChannelParksTheListInItsOwnTopic() throws Exception {
        String endpointTopic = topic("per-msg-failing", 1);
        String other = topic("per-msg-failing-other", 1);
        String parked = topic("per-msg-parked", 1);
        refuseStoring(m -> m.getTopic().equals(other), PutMessageStatus.MESSAGE_ILLEGAL);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("rocketmq:" + parked));
                from("direct:list").to("rocketmq:" + endpointTopic);
            }
        });

        template.send("direct:list", e -> e.getMessage().setBody(elements(other, endpointTopic)));

        assertThat(broker.awaitMessages(parked, 3, seconds(10))).extracting(m -> text(m.getBody()))
                .containsExactly("named-0", "named-1", "own");
        await().during(Duration.ofSeconds(1)).atMost(seconds(3)).until(() -> broker.messageCount(other) == 0
                                                                             && broker.messageCount(endpointTopic) == 0);
    }

    /**
     * Through the lanes, a list whose second destination is a topic the cluster does not serve (no broker creates
     * topics, as in production): the first destination's message is on its way when the second is refused, and the
     * third is not sent. The exchange fails once that message is stored, naming it, and the buffer room of the whole
     * list comes free.
     */
    @Test
    void aListWhoseLaterTopicHasNoRouteFailsNamingWhatItsEarlierPartStored() throws Exception {
        try (EmbeddedRocketMQBroker strict = EmbeddedRocketMQBroker.builder()
                .brokerProperty("autoCreateTopicEnable", "false").start()) {
            String own = unique("per-msg-strict");
            String after = unique("per-msg-strict-after");
            strict.createTopic(own, 2).createTopic(after, 2);
            CamelContext strictContext = newContext(strict);
            strictContext.start();
            try {
                ProducerTemplate strictTemplate = strictContext.createProducerTemplate();
                String uri = "rocketmq:" + own + "?orderKey=k&sendMode=ASYNC&batchSize=8&sendBufferBytes=4096";
                List<org.apache.camel.Message> list = new ArrayList<>();
                for (String topic : new String[] { null, unique("per-msg-no-route"), after }) {
                    org.apache.camel.Message element = new DefaultMessage(strictContext);
                    element.setBody((topic == null ? "stored-" : "not-stored-") + "x".repeat(1500));
                    if (topic != null) {
                        element.setHeader(RocketMQConstants.OVERRIDE_TOPIC, topic);
                    }
                    list.add(element);
                }

                Exchange failed = strictTemplate.send(uri, e -> e.getMessage().setBody(list));

                assertThat(failed.getException()).hasStackTraceContaining("No route info");
                List<MessageExt> stored = strict.awaitMessages(own, 1, seconds(10));
                assertThat(stored).extracting(m -> text(m.getBody())).singleElement().asString().startsWith("stored-");
                assertThat(failed.getMessage().getHeader(RocketMQConstants.MESSAGE_ID)).isEqualTo(stored.get(0).getMsgId());
                // a list that needs most of the buffer finds its room: the failed list's came free
                Exchange next = strictTemplate.send(uri, e -> e.getMessage().setBody(List.of("y".repeat(1500), "z".repeat(1500))));
                assertThat(next.getException()).isNull();
                assertThat(strict.awaitMessages(own, 3, seconds(10))).hasSize(3);
                assertThat(strict.messageCount(after)).as("the destination after the refused one is not sent").isZero();
            } finally {
                strictContext.stop();
            }
        }
    }

    /** Two messages naming {@code other}, first in the list, then one for the endpoint's topic. */
    private List<org.apache.camel.Message> elements(String other, String endpointTopic) {
        List<org.apache.camel.Message> list = new ArrayList<>();
        for (String body : new String[] { "named-0", "named-1", "own" }) {
            org.apache.camel.Message element = new DefaultMessage(context);
            element.setBody(body);
            if (body.startsWith("named")) {
                element.setHeader(RocketMQConstants.OVERRIDE_TOPIC, other);
            }
            list.add(element);
        }
        return list;
    }
}
