package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;

/**
 * What the trace ITs share: spans exported to memory, a route that sends and one that consumes. With a Camel
 * OpenTelemetry tracer on the context, the producer's {@code traceparent} header travels as a message user property
 * and the consumer's span continues its trace; the span decorator names the spans and sets the messaging attributes.
 */
abstract class TracingITSupport extends RocketMQITSupport {

    protected static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    protected static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    protected static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    protected static final AttributeKey<String> CONSUMER_GROUP = AttributeKey.stringKey("messaging.consumer.group.name");
    protected static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    protected static final AttributeKey<Long> BATCH_COUNT = AttributeKey.longKey("messaging.batch.message_count");
    protected static final AttributeKey<String> TAG = AttributeKey.stringKey("messaging.rocketmq.message.tag");
    protected static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");

    protected static final ContextPropagators PROPAGATORS = ContextPropagators.create(W3CTraceContextPropagator.getInstance());

    protected final InMemorySpanExporter spans = InMemorySpanExporter.create();
    protected final List<String> consumedIds = new CopyOnWriteArrayList<>();
    protected SdkTracerProvider tracerProvider;

    @BeforeEach
    void exportSpansToMemory() {
        tracerProvider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    }

    @AfterEach
    void closeTracer() {
        tracerProvider.close();
    }

    /** The spans of one message: its send and the route that consumed it. */
    protected record Traced(SpanData send, SpanData consume) {
    }

    /**
     * Sends one message and checks what every tracer must show: one trace, the consumer's span a child of the send's,
     * both with the messaging system and the message's id, the consumer's with its group.
     */
    protected Traced sendAndConsumeOne(String topic, String group) throws Exception {
        routes(topic, group);
        template.sendBody("direct:send", "order-1");

        SpanData consume = awaitSpan("process " + topic, 1).get(0);
        SpanData send = span("send " + topic);
        assertThat(consume.getTraceId()).isEqualTo(send.getTraceId());
        assertThat(consume.getParentSpanId()).isEqualTo(send.getSpanId());
        assertThat(send.getAttributes().get(SYSTEM)).isEqualTo("rocketmq");
        assertThat(consume.getAttributes().get(SYSTEM)).isEqualTo("rocketmq");
        assertThat(consume.getAttributes().get(CONSUMER_GROUP)).isEqualTo(group);
        assertThat(send.getAttributes().get(MESSAGE_ID)).isNotBlank().isEqualTo(consume.getAttributes().get(MESSAGE_ID))
                .isEqualTo(consumedIds.get(0));
        return new Traced(send, consume);
    }

    protected void routes(String topic, String group) throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("rocketmq:" + topic);
                from("rocketmq:" + topic + "?consumerGroup=" + group)
                        .process(e -> consumedIds.add(e.getMessage().getHeader(RocketMQConstants.MESSAGE_ID, String.class)));
            }
        });
    }

    protected List<SpanData> awaitSpan(String name, int count) {
        await().atMost(seconds(60)).untilAsserted(() -> assertThat(named(name).size()).as("spans named %s among %s", name, names())
                .isGreaterThanOrEqualTo(count));
        return named(name);
    }

    protected SpanData span(String name) {
        List<SpanData> found = named(name);
        assertThat(found).as("spans named %s among %s", name, names()).hasSize(1);
        return found.get(0);
    }

    private List<SpanData> named(String name) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getName().equals(name)).toList();
    }

    private Map<String, Long> names() {
        return spans.getFinishedSpanItems().stream().collect(Collectors.groupingBy(SpanData::getName, Collectors.counting()));
    }

    /** What a consumer route saw of one message: its topic, id, queue and tag. */
    protected record Consumed(String topic, String id, String queue, String tag) {
    }

    private final Map<String, Consumed> consumedOn = new ConcurrentHashMap<>();

    private void recordConsumed(Exchange e) {
        Message m = e.getMessage();
        String topic = m.getHeader(RocketMQConstants.TOPIC, String.class);
        consumedOn.put(topic, new Consumed(topic, m.getHeader(RocketMQConstants.MESSAGE_ID, String.class),
                m.getHeader(RocketMQConstants.QUEUE_ID, String.class), m.getHeader(RocketMQConstants.TAGS, String.class)));
    }

    /**
     * A route forwards a consumed message (tagged {@code in}) ONEWAY with its endpoint's tag: the send span names that
     * tag and, nothing having confirmed the send, neither the consumed message's id and queue nor any other.
     */
    protected void checkAOnewayForwardsSendSpan() throws Exception {
        String in = topic("span-oneway-in", 1);
        String out = topic("span-oneway-out", 1);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("rocketmq:" + in + "?tags=in");
                from("rocketmq:" + in + "?consumerGroup=" + unique("span-oneway-g1")).process(e -> recordConsumed(e))
                        .to("rocketmq:" + out + "?sendMode=ONEWAY&tags=out");
                from("rocketmq:" + out + "?consumerGroup=" + unique("span-oneway-g2")).process(e -> recordConsumed(e));
            }
        });

        template.sendBody("direct:send", "order-1");

        await().atMost(seconds(60)).until(() -> consumedOn.containsKey(out));
        SpanData send = awaitSpan("send " + out, 1).get(0);
        assertThat(consumedOn.get(out).tag()).isEqualTo("out");
        assertSoftly(softly -> {
            softly.assertThat(send.getAttributes().get(DESTINATION)).isEqualTo(out);
            softly.assertThat(send.getAttributes().get(TAG)).isEqualTo("out");
            softly.assertThat(send.getAttributes().get(MESSAGE_ID)).as("a ONEWAY send learns no id").isNull();
            softly.assertThat(send.getAttributes().get(PARTITION)).as("nor a queue").isNull();
        });
    }

    /**
     * A route forwards a consumed message (tagged {@code in}) SYNC to three topics: with its endpoint's tags, with
     * Apache's sendTag, with the tag header the route set. Each send span names the tag, id and queue of the message
     * that send stored.
     */
    protected void checkSyncForwardsSendSpans() throws Exception {
        String in = topic("span-sync-in", 1);
        String tags = topic("span-sync-tags", 2);
        String sendTag = topic("span-sync-sendtag", 2);
        String header = topic("span-sync-header", 2);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("rocketmq:" + in + "?tags=in");
                from("rocketmq:" + in + "?consumerGroup=" + unique("span-sync-g"))
                        .to("rocketmq:" + tags + "?tags=out")
                        .to("rocketmq:" + sendTag + "?sendTag=alias")
                        .setHeader(RocketMQConstants.TAGS, constant("override")).to("rocketmq:" + header);
                for (String topic : List.of(tags, sendTag, header)) {
                    from("rocketmq:" + topic + "?consumerGroup=" + unique("span-sync-out")).process(e -> recordConsumed(e));
                }
            }
        });

        template.sendBody("direct:send", "order-1");

        await().atMost(seconds(60)).until(() -> consumedOn.keySet().containsAll(List.of(tags, sendTag, header)));
        Map<String, String> expectedTags = Map.of(tags, "out", sendTag, "alias", header, "override");
        assertSoftly(softly -> expectedTags.forEach((topic, tag) -> {
            SpanData send = awaitSpan("send " + topic, 1).get(0);
            Consumed stored = consumedOn.get(topic);
            softly.assertThat(stored.tag()).as("tag consumed from %s", topic).isEqualTo(tag);
            softly.assertThat(send.getAttributes().get(TAG)).as("tag of the send to %s", topic).isEqualTo(tag);
            softly.assertThat(send.getAttributes().get(MESSAGE_ID)).as("id of the send to %s", topic).isEqualTo(stored.id());
            softly.assertThat(send.getAttributes().get(PARTITION)).as("queue of the send to %s", topic)
                    .isEqualTo(stored.queue());
        }));
    }

    /**
     * A route that puts a consumed message back on its own topic, through the URI it consumes from: two process spans
     * (one per consumed message) and two send spans, the requeue's a child of the first process span naming the
     * message it stored.
     */
    protected Requeued checkARequeueToTheRoutesOwnUriIsASendSpan() throws Exception {
        String topic = topic("span-requeue", 1);
        String uri = "rocketmq:" + topic + "?consumerGroup=" + unique("span-requeue-g");
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("rocketmq:" + topic);
                from(uri).process(e -> consumedIds.add(e.getMessage().getHeader(RocketMQConstants.MESSAGE_ID, String.class)))
                        .filter(header("attempt").isNull()).setHeader("attempt", constant("2")).to(uri);
            }
        });

        template.sendBody("direct:send", "job");

        await().atMost(seconds(60)).until(() -> consumedIds.size() == 2);
        List<SpanData> sends = awaitSpan("send " + topic, 2);
        List<SpanData> processed = awaitSpan("process " + topic, 2);
        assertThat(processed).as("process spans").hasSize(2)
                .allSatisfy(span -> assertThat(span.getAttributes().get(OPERATION)).isEqualTo("process"));
        SpanData first = processed.stream().filter(span -> consumedIds.get(0).equals(span.getAttributes().get(MESSAGE_ID)))
                .findFirst().orElseThrow();
        SpanData requeue = sends.stream().filter(span -> first.getSpanId().equals(span.getParentSpanId())).findFirst()
                .orElseThrow();
        assertThat(requeue.getAttributes().get(OPERATION)).isEqualTo("send");
        assertThat(requeue.getAttributes().get(CONSUMER_GROUP)).isNull();
        assertThat(requeue.getAttributes().get(MESSAGE_ID)).isEqualTo(consumedIds.get(1));
        return new Requeued(processed, requeue);
    }

    /** The spans of a requeue: the two process spans and the requeue's send span. */
    protected record Requeued(List<SpanData> processed, SpanData requeue) {
    }
}
