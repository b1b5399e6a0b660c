package io.rocketcamel.component.rocketmq;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.trace.TraceContext;
import org.apache.rocketmq.client.trace.TraceDataEncoder;
import org.apache.rocketmq.client.trace.TraceType;
import org.apache.rocketmq.common.topic.TopicValidator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SendAndConsumeIT extends RocketMQITSupport {

    private final List<Message> received = new CopyOnWriteArrayList<>();

    private RouteBuilder consumer(String uri) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).process(e -> received.add(e.getMessage().copy()));
            }
        };
    }

    @Test
    void syncSendDeliversBodyTagsKeysAndPropertiesAndReportsTheResult() throws Exception {
        String topic = topic("plain", 4);
        start(consumer("rocketmq:" + topic + "?consumerGroup=" + unique("g")));

        Exchange sent = template.request("rocketmq:" + topic + "?tags=ERROR&keys=$<header.id>", e -> {
            e.setPattern(org.apache.camel.ExchangePattern.InOnly);
            e.getMessage().setBody("hello");
            e.getMessage().setHeader("id", "order-1");
            e.getMessage().setHeader("level", "ERROR");
        });

        assertThat(sent.getException()).isNull();
        Message result = sent.getMessage();
        assertThat(result.getHeader(RocketMQConstants.SEND_STATUS)).isEqualTo(SendStatus.SEND_OK);
        assertThat(result.getHeader(RocketMQConstants.SEND_RESULT)).isInstanceOf(SendResult.class);
        assertThat(result.getHeader(RocketMQConstants.MESSAGE_ID, String.class)).isNotBlank();
        assertThat(result.getHeader(RocketMQConstants.QUEUE_ID, Integer.class)).isBetween(0, 3);
        assertThat(result.getHeader(RocketMQConstants.BROKER_NAME, String.class)).isEqualTo(broker.getBrokerNames().get(0));

        await().atMost(seconds(15)).until(() -> received.size() == 1);
        Message in = received.get(0);
        assertThat(text(in.getBody())).isEqualTo("hello");
        assertThat(in.getHeader(RocketMQConstants.TOPIC)).isEqualTo(topic);
        assertThat(in.getHeader(RocketMQConstants.TAGS)).isEqualTo("ERROR");
        assertThat(in.getHeader(RocketMQConstants.KEYS)).isEqualTo("order-1");
        assertThat(in.getHeader("level")).isEqualTo("ERROR");
        assertThat(in.getHeader("id")).isEqualTo("order-1");
        assertThat(in.getHeader(RocketMQConstants.MESSAGE_ID)).isEqualTo(result.getHeader(RocketMQConstants.MESSAGE_ID));
        assertThat(in.getHeader(RocketMQConstants.QUEUE_ID)).isEqualTo(result.getHeader(RocketMQConstants.QUEUE_ID));
        assertThat(in.getHeader(RocketMQConstants.QUEUE_OFFSET)).isEqualTo(result.getHeader(RocketMQConstants.QUEUE_OFFSET));
        assertThat(in.getHeader(RocketMQConstants.RECONSUME_TIMES)).isEqualTo(0);
        assertThat(in.getHeader(RocketMQConstants.BORN_TIMESTAMP, Long.class)).isPositive();
        assertThat(in.getHeader(RocketMQConstants.STORE_TIMESTAMP, Long.class)).isPositive();
        assertThat(in.getHeaders()).doesNotContainKeys("TAGS", "KEYS", "UNIQ_KEY");
    }

    @Test
    void asyncAndOnewaySendsArrive() throws Exception {
        String topic = topic("modes", 4);
        start(consumer("rocketmq:" + topic + "?consumerGroup=" + unique("g")));

        IntStream.range(0, 100).forEach(i -> template.sendBody("rocketmq:" + topic + "?sendMode=ASYNC", "async-" + i));
        IntStream.range(0, 100).forEach(i -> template.sendBody("rocketmq:" + topic + "?sendMode=ONEWAY", "oneway-" + i));

        await().atMost(seconds(20)).until(() -> received.size() >= 200);
        Set<String> bodies = received.stream().map(m -> text(m.getBody())).collect(Collectors.toSet());
        assertThat(bodies).hasSize(200)
                .containsAll(IntStream.range(0, 100).mapToObj(i -> "async-" + i).toList())
                .containsAll(IntStream.range(0, 100).mapToObj(i -> "oneway-" + i).toList());
    }

    /**
     * A one-way send stores nothing the route hears of: it left the result headers of the exchange's earlier send, so
     * the route read that send's id, queue and offset as this message's. It now sets the id the client gave the message
     * (by which the broker finds it) and removes the rest.
     */
    @Test
    void aOneWaySendGivesItsOwnMessageIdAndNoEarlierSendsResult() throws Exception {
        String first = topic("oneway-first", 1);
        String second = topic("oneway-second", 1);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:both").to("rocketmq:" + first).to("rocketmq:" + second + "?sendMode=ONEWAY");
            }
        });

        Exchange sent = template.send("direct:both", e -> e.getMessage().setBody("twice"));

        assertThat(sent.getException()).isNull();
        String oneway = broker.awaitMessages(second, 1, seconds(10)).get(0).getMsgId();
        assertThat(sent.getMessage().getHeader(RocketMQConstants.MESSAGE_ID)).isEqualTo(oneway)
                .isNotEqualTo(broker.awaitMessages(first, 1, seconds(10)).get(0).getMsgId());
        assertThat(sent.getMessage().getHeaders()).doesNotContainKeys(RocketMQConstants.QUEUE_ID,
                RocketMQConstants.QUEUE_OFFSET, RocketMQConstants.BROKER_NAME, RocketMQConstants.SEND_STATUS,
                RocketMQConstants.SEND_RESULT);
    }

    @Test
    void asyncSendSetsResultHeadersFromTheCallback() throws Exception {
        String topic = topic("async-result", 2);
        Exchange sent = template.send("rocketmq:" + topic + "?sendMode=ASYNC", e -> e.getMessage().setBody("x"));
        assertThat(sent.getException()).isNull();
        assertThat(sent.getMessage().getHeader(RocketMQConstants.SEND_STATUS)).isEqualTo(SendStatus.SEND_OK);
    }

    @Test
    void aListOfAThousandArrivesWhole() throws Exception {
        String topic = topic("batch", 4);
        start(consumer("rocketmq:" + topic + "?consumerGroup=" + unique("g")));

        List<String> batch = IntStream.range(0, 1000).mapToObj(i -> "item-" + i).toList();
        Exchange sent = template.send("rocketmq:" + topic, e -> e.getMessage().setBody(batch));

        assertThat(sent.getException()).isNull();
        assertThat(sent.getMessage().getHeader(RocketMQConstants.MESSAGE_ID, String.class).split(",")).hasSize(1000);
        await().atMost(seconds(20)).until(() -> received.size() >= 1000);
        assertThat(received.stream().map(m -> text(m.getBody())).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(batch);
        assertThat(received).hasSize(1000);
    }

    @Test
    void aListAboveTheMaximumSizeIsSplitIntoSeveralBatches() throws Exception {
        String topic = topic("big-batch", 4);
        start(consumer("rocketmq:" + topic + "?consumerGroup=" + unique("g")));

        List<byte[]> batch = IntStream.range(0, 40).mapToObj(i -> {
            byte[] body = new byte[100_000];
            body[0] = (byte) i;
            return body;
        }).toList();
        Exchange sent = template.send("rocketmq:" + topic + "?maxMessageSize=1048576", e -> e.getMessage().setBody(batch));

        assertThat(sent.getException()).isNull();
        assertThat(sent.getMessage().getHeader(RocketMQConstants.SEND_RESULT, List.class)).hasSizeGreaterThanOrEqualTo(4);
        await().atMost(seconds(20)).until(() -> received.size() >= 40);
        assertThat(received.stream().map(m -> (int) ((byte[]) m.getBody())[0]).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 40).boxed().toList());
    }

    @Test
    void aNamespacePrefixesTopicAndGroupForSingleMessagesAndBatches() throws Exception {
        String topic = unique("ns-topic");
        broker.createTopic("team-a%" + topic, 2);
        String options = "namespace=team-a";
        start(consumer("rocketmq:" + topic + "?" + options + "&consumerGroup=" + unique("g")));

        template.sendBody("rocketmq:" + topic + "?" + options, "single");
        template.sendBody("rocketmq:" + topic + "?" + options, List.of("batch-1", "batch-2"));

        await().atMost(seconds(20)).until(() -> received.size() >= 3);
        assertThat(received.stream().map(m -> text(m.getBody()))).containsExactlyInAnyOrder("single", "batch-1", "batch-2");
        assertThat(received).allSatisfy(m -> assertThat(m.getHeader(RocketMQConstants.TOPIC)).isEqualTo(topic));
    }

    @Test
    void unsendableBodiesFailTheExchangeBeforeAnythingIsSent() throws Exception {
        String topic = topic("bad-body", 1);
        start(consumer("rocketmq:" + topic + "?consumerGroup=" + unique("g")));

        Exchange unconvertible = template.send("rocketmq:" + topic, e -> e.getMessage().setBody(new Thread()));
        Exchange tooBig = template.send("rocketmq:" + topic + "?maxMessageSize=1000", e -> e.getMessage().setBody(new byte[1001]));
        template.sendBody("rocketmq:" + topic, "good");

        assertThat(unconvertible.getException()).hasStackTraceContaining("Cannot send a body of type java.lang.Thread");
        assertThat(tooBig.getException()).hasMessageContaining("1001 bytes, more than maxMessageSize=1000");
        await().atMost(seconds(15)).until(() -> !received.isEmpty());
        assertThat(received).singleElement().satisfies(m -> assertThat(text(m.getBody())).isEqualTo("good"));
        assertThat(broker.messageCount(topic)).isEqualTo(1);
    }

    @Test
    void consumeBatchSizeDeliversLists() throws Exception {
        String topic = topic("consume-batch", 1);
        IntStream.range(0, 50).forEach(i -> template.sendBody("rocketmq:" + topic, "m-" + i));
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g") + "&consumeBatchSize=10&consumeFromWhere=FIRST_OFFSET")
                        .process(e -> {
                            List<?> list = e.getMessage().getBody(List.class);
                            sizes.add(list.size());
                            for (Object m : list) {
                                seen.merge(text(((Message) m).getBody()), 1, Integer::sum);
                            }
                        });
            }
        });

        await().atMost(seconds(20)).until(() -> seen.size() >= 50);
        assertThat(seen).hasSize(50).allSatisfy((body, count) -> assertThat(count).isEqualTo(1));
        assertThat(sizes).allSatisfy(size -> assertThat(size).isBetween(1, 10));
        assertThat(sizes.stream().mapToInt(Integer::intValue).max().orElse(0)).isGreaterThan(1);
    }

    @Test
    void aConsumerStartedRightAfterItsTopicWasCreatedReceivesWithinSeconds() throws Exception {
        String topic = topic("fresh", 4);
        start(consumer("rocketmq:" + topic + "?consumerGroup=" + unique("g")));
        template.sendBody("rocketmq:" + topic, "ping");

        await().atMost(seconds(10)).until(() -> !received.isEmpty());
        assertThat(text(received.get(0).getBody())).isEqualTo("ping");
    }
    @Test
    void consumeFromTimestampStartsANewGroupAtThatSecond() throws Exception {
        String topic = topic("from-time", 2);
        IntStream.range(0, 3).forEach(i -> template.sendBody("rocketmq:" + topic, "before-" + i));
        // RocketMQ's consumeTimestamp has whole seconds: start at the next one, after the last "before" was stored
        LocalDateTime from = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        long fromMillis = from.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
        await().atMost(seconds(3)).until(() -> System.currentTimeMillis() >= fromMillis);
        IntStream.range(0, 3).forEach(i -> template.sendBody("rocketmq:" + topic, "after-" + i));

        start(consumer("rocketmq:" + topic + "?consumerGroup=" + unique("g") + "&consumeFromWhere=TIMESTAMP"
                       + "&consumeTimestamp=" + from.format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))));

        await().atMost(seconds(20)).until(() -> received.size() >= 3);
        assertThat(received.stream().map(m -> text(m.getBody()))).containsExactlyInAnyOrder("after-0", "after-1", "after-2");
        assertThat(received).allSatisfy(m -> assertThat(m.getHeader(RocketMQConstants.STORE_TIMESTAMP, Long.class))
                .isGreaterThanOrEqualTo(fromMillis));
    }

    @Test
    void enableTraceWritesSendAndConsumeTracesToTheTraceTopic() throws Exception {
        String topic = topic("traced", 2);
        String group = unique("g");
        start(consumer("rocketmq:" + topic + "?consumerGroup=" + group + "&enableTrace=true"));

        Exchange sent = template.send("rocketmq:" + topic + "?enableTrace=true&keys=order-7",
                e -> e.getMessage().setBody("traced"));
        String messageId = sent.getMessage().getHeader(RocketMQConstants.MESSAGE_ID, String.class);
        await().atMost(seconds(15)).until(() -> received.size() == 1);

        // the client sends its traces in batches every few seconds, to the broker's RMQ_SYS_TRACE_TOPIC
        await().atMost(seconds(30)).untilAsserted(() -> {
            List<TraceContext> traces = tracesOf(messageId);
            assertThat(traces).anySatisfy(trace -> {
                assertThat(trace.getTraceType()).isEqualTo(TraceType.Pub);
                assertThat(trace.isSuccess()).isTrue();
                assertThat(trace.getTraceBeans().get(0).getTopic()).isEqualTo(topic);
                assertThat(trace.getTraceBeans().get(0).getKeys()).isEqualTo("order-7");
            });
            assertThat(traces).anySatisfy(trace -> {
                assertThat(trace.getTraceType()).isEqualTo(TraceType.SubAfter);
                assertThat(trace.getGroupName()).isEqualTo(group);
                assertThat(trace.isSuccess()).isTrue();
            });
        });
    }

    private List<TraceContext> tracesOf(String messageId) {
        String traceTopic = TopicValidator.RMQ_SYS_TRACE_TOPIC;
        return broker.messages(traceTopic).stream()
                .flatMap(m -> TraceDataEncoder.decoderFromTraceDataString(new String(m.getBody(), StandardCharsets.UTF_8)).stream())
                .filter(trace -> trace.getTraceBeans().stream().anyMatch(bean -> messageId.equals(bean.getMsgId())))
                .toList();
    }
}
