/**
 * Sending: {@link io.rocketcamel.component.rocketmq.producer.RocketMQProducer} turns an exchange into RocketMQ
 * messages ({@link io.rocketcamel.component.rocketmq.producer.OutgoingMessageFactory}) and hands them to the
 * {@link io.rocketcamel.component.rocketmq.producer.SendPath} it chose when it started: one class per send mode
 * (SYNC, ASYNC, ONEWAY, automatic batching, request-reply; transactional ones are in {@code transaction}). Every path
 * picks queues through {@link io.rocketcamel.component.rocketmq.producer.QueueChoice} and reports the broker's
 * answer through {@link io.rocketcamel.component.rocketmq.producer.SendResults}.
 */
package io.rocketcamel.component.rocketmq.producer;
