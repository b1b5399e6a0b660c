/**
 * {@link io.rocketcamel.component.rocketmq.idempotent.RocketMQIdempotentRepository}: Camel's idempotent repository on
 * a RocketMQ topic that every instance of a service shares.
 */
package io.rocketcamel.component.rocketmq.idempotent;
