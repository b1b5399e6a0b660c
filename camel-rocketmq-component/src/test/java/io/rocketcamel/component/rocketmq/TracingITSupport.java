package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;
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
        await().atMost(seconds(60)).until(() -> named(name).size() >= count);
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
}
