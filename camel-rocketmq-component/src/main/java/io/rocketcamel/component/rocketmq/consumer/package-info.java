/**
 * Consuming: {@link io.rocketcamel.component.rocketmq.consumer.RocketMQConsumer} registers one listener per message
 * model and consume mode (clustering, orderly, broadcasting), each running the route through
 * {@link io.rocketcamel.component.rocketmq.consumer.RouteRunner} and deciding from its outcome: acknowledge, redeliver,
 * or give up to deadLetterUri. Requests (RIP-16) are answered by
 * {@link io.rocketcamel.component.rocketmq.consumer.ReplySender}.
 */
package io.rocketcamel.component.rocketmq.consumer;
