/**
 * The {@code rocketmq:} component's public face: the component, its endpoint and every option
 * ({@link io.rocketcamel.component.rocketmq.RocketMQConfiguration}), the Camel headers
 * ({@link io.rocketcamel.component.rocketmq.RocketMQConstants}) and the enums options take. What happens to an
 * exchange lives in {@code producer} (sending) and {@code consumer} (consuming); {@code transaction} holds half
 * messages and check-backs, {@code health} the readiness checks, {@code internal} what they share.
 */
package io.rocketcamel.component.rocketmq;
