/**
 * Camel's Saga EIP on RocketMQ: {@link io.rocketcamel.component.rocketmq.saga.RocketMQSagaService} keeps every saga
 * as events on a RocketMQ topic, one queue per saga, so that any instance of a service rebuilds its sagas after a
 * restart, and runs the completion and compensation callbacks of its own steps at least once, recording each outcome
 * in the same log. How it works, what it guarantees and where it stops: {@code docs/saga.md}.
 */
package io.rocketcamel.component.rocketmq.saga;
