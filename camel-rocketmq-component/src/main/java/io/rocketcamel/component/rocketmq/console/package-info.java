/**
 * What operations look at, without Spring: each rocketmq route and producer endpoint ({@link
 * io.rocketcamel.component.rocketmq.console.ConsumerView}, {@link io.rocketcamel.component.rocketmq.console.ProducerView}),
 * a consumer group's lag per queue ({@link io.rocketcamel.component.rocketmq.console.GroupLag}), and the
 * {@code rocketmq} Camel dev console that shows them. The starter's operations console shows the same views.
 */
package io.rocketcamel.component.rocketmq.console;
