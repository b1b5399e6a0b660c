/**
 * Span names and messaging attributes for Camel's tracers: {@link
 * io.rocketcamel.component.rocketmq.tracing.RocketMQSpanDecorator} for camel-opentelemetry (Camel's tracing SPI) and
 * {@link io.rocketcamel.component.rocketmq.tracing.RocketMQTelemetrySpanDecorator} for camel-opentelemetry2 (Camel's
 * telemetry SPI), each found by the tracer through {@code ServiceLoader} when its module is on the classpath. The
 * trace context itself travels as the W3C {@code traceparent} header, which the component sends as a message user
 * property and maps back on the consumer like any other header.
 */
package io.rocketcamel.component.rocketmq.tracing;
