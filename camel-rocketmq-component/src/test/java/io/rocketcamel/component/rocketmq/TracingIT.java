package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.opentelemetry.OpenTelemetryTracer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * camel-opentelemetry (Camel's tracing SPI, the module Camel 4.17 marks stable): the send and the consumption of a
 * message are one trace, PRODUCER then CONSUMER, also for every message of a batch and for a request.
 */
class TracingIT extends TracingITSupport {

    @BeforeEach
    void traceTheContext() {
        OpenTelemetryTracer tracer = new OpenTelemetryTracer();
        tracer.setTracer(tracerProvider.get("rocketcamel-test"));
        tracer.setContextPropagators(PROPAGATORS);
        tracer.init(context);
    }

    @Test
    void theConsumerSpanOfAMessageIsAChildOfItsProducerSpan() throws Exception {
        String topic = topic("traced", 2);
        Traced traced = sendAndConsumeOne(topic, unique("traced-g"));

        assertThat(traced.send().getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(traced.consume().getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(traced.send().getAttributes().get(DESTINATION)).isEqualTo(topic);
        assertThat(traced.send().getAttributes().get(OPERATION)).isEqualTo("send");
        assertThat(traced.consume().getAttributes().get(DESTINATION)).isEqualTo(topic);
        assertThat(traced.consume().getAttributes().get(OPERATION)).isEqualTo("process");
    }

    @Test
    void aSendThroughAProducerTemplateIsASendSpan() {
        String topic = topic("traced-template", 1);

        // the template's exchange is created by the endpoint it sends to, as a consumer's would be
        template.sendBody("rocketmq:" + topic, "direct from a template");

        SpanData send = awaitSpan("send " + topic, 1).get(0);
        assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(send.getAttributes().get(OPERATION)).isEqualTo("send");
        assertThat(send.getAttributes().get(CONSUMER_GROUP)).isNull();
        assertThat(send.getAttributes().get(MESSAGE_ID)).isNotBlank();
    }

    /** A route written for Apache camel-rocketmq chooses the topic with its header: the span names where it went. */
    @Test
    void aSendToApachesOverrideTopicIsNamedAfterThatTopic() throws Exception {
        String endpointTopic = topic("traced-apache-endpoint", 1);
        String chosen = topic("traced-apache-chosen", 1);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:apache").setHeader("CamelRockerMQOverrideTopicName", constant(chosen))
                        .to("rocketmq:" + endpointTopic);
            }
        });

        template.sendBody("direct:apache", "order");

        assertThat(broker.awaitMessages(chosen, 1, seconds(30))).hasSize(1);
        SpanData send = awaitSpan("send " + chosen, 1).get(0);
        assertThat(send.getAttributes().get(DESTINATION)).isEqualTo(chosen);
    }

    @Test
    void aToDSendIsNamedAfterTheTopicItResolvedTo() throws Exception {
        String prefix = unique("traced-region");
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:regional").toD("rocketmq:" + prefix + "-${header.region}");
            }
        });
        broker.createTopic(prefix + "-eu", 1);

        template.sendBodyAndHeader("direct:regional", "order", "region", "eu");

        SpanData send = awaitSpan("send " + prefix + "-eu", 1).get(0);
        assertThat(send.getAttributes().get(DESTINATION)).isEqualTo(prefix + "-eu");
    }

    @Test
    void everyMessageOfABatchContinuesTheBatchSendsTrace() throws Exception {
        String topic = topic("traced-batch", 2);
        routes(topic, unique("traced-batch-g"));

        template.sendBody("direct:send", List.of("a", "b", "c"));

        List<SpanData> consumed = awaitSpan("process " + topic, 3);
        SpanData send = span("send " + topic);
        assertThat(send.getAttributes().get(BATCH_COUNT)).isEqualTo(3L);
        assertThat(consumed).allSatisfy(consume -> {
            assertThat(consume.getTraceId()).isEqualTo(send.getTraceId());
            assertThat(consume.getParentSpanId()).isEqualTo(send.getSpanId());
        });
        assertThat(consumed.stream().map(consume -> consume.getAttributes().get(MESSAGE_ID)))
                .containsExactlyInAnyOrderElementsOf(consumedIds);
    }

    /** RocketMQ's request-reply, and Apache camel-rocketmq's, whose replier answers on a reply topic of its own. */
    @ParameterizedTest(name = "replyToTopic {0}")
    @ValueSource(booleans = {false, true})
    void aRequestAndTheRouteThatAnswersItAreOneTraceNamingTheRequestsId(boolean replyToTopic) throws Exception {
        String topic = topic("traced-rpc", 2);
        String replies = topic("traced-rpc-replies", 1);
        List<String> requestIds = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").to(ExchangePattern.InOut, "rocketmq:" + topic + "?requestTimeout=20s" + (replyToTopic
                        ? "&replyToTopic=" + replies + "&replyToConsumerGroup=" + unique("traced-rpc-replies-g") : ""));
                from("rocketmq:" + topic + "?consumerGroup=" + unique("traced-rpc-g"))
                        .process(e -> requestIds.add(e.getMessage().getHeader(RocketMQConstants.MESSAGE_ID, String.class)))
                        .transform(simple("price of ${bodyAs(String)} is 42"))
                        // Apache's replier sends its answer, with the request's keys, to the reply topic
                        .filter(constant(replyToTopic)).to("rocketmq:" + replies);
            }
        });

        String reply = template.requestBody("direct:ask", "apple", String.class);

        assertThat(reply).isEqualTo("price of apple is 42");
        SpanData answer = awaitSpan("process " + topic, 1).get(0);
        SpanData request = span("send " + topic);
        assertThat(answer.getTraceId()).isEqualTo(request.getTraceId());
        assertThat(answer.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(requestIds).hasSize(1);
        assertThat(request.getAttributes().get(MESSAGE_ID)).as("the request's id").isEqualTo(requestIds.get(0));
    }

    @Test
    void aOnewayForwardsSendSpanDescribesTheMessageItSent() throws Exception {
        checkAOnewayForwardsSendSpan();
    }

    @Test
    void syncForwardsSendSpansDescribeTheMessagesTheySent() throws Exception {
        checkSyncForwardsSendSpans();
    }

    @Test
    void aRequeueToTheRoutesOwnUriIsAProducerSpan() throws Exception {
        Requeued requeued = checkARequeueToTheRoutesOwnUriIsASendSpan();

        assertThat(requeued.requeue().getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(requeued.processed()).extracting(SpanData::getKind).containsOnly(SpanKind.CONSUMER);
    }
}
