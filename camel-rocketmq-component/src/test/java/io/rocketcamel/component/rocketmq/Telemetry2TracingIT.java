package io.rocketcamel.component.rocketmq;

import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * camel-opentelemetry2 (Camel's newer telemetry SPI, a preview in 4.17, which sets no span kinds): the send and the
 * consumption of a message are one trace.
 */
class Telemetry2TracingIT extends TracingITSupport {

    @BeforeEach
    void traceTheContext() {
        // it takes its OpenTelemetry tracer and propagators from the registry
        context.getRegistry().bind("otelTracer", tracerProvider.get("rocketcamel-test"));
        context.getRegistry().bind("otelPropagators", PROPAGATORS);
        new OpenTelemetryTracer().init(context);
    }

    @Test
    void theConsumerSpanOfAMessageIsAChildOfItsProducerSpan() throws Exception {
        String topic = topic("traced2", 2);
        Traced traced = sendAndConsumeOne(topic, unique("traced2-g"));

        assertThat(traced.send().getAttributes().get(DESTINATION)).isEqualTo(topic);
        assertThat(traced.consume().getAttributes().get(OPERATION)).isEqualTo("process");
    }

    /** This SPI ends a span without its endpoint: the send's own attributes still come from that send. */
    @Test
    void aOnewayForwardsSendSpanDescribesTheMessageItSent() throws Exception {
        checkAOnewayForwardsSendSpan();
    }

    @Test
    void syncForwardsSendSpansDescribeTheMessagesTheySent() throws Exception {
        checkSyncForwardsSendSpans();
    }

    @Test
    void aRequeueToTheRoutesOwnUriIsASendSpan() throws Exception {
        checkARequeueToTheRoutesOwnUriIsASendSpan();
    }
}
