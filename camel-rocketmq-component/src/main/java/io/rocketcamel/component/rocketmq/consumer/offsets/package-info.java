/**
 * Where consumers keep their offsets when the client's own stores do not do: broadcasting consumers in a file named
 * after group, topic and node (held at messages still being retried), and clustering consumers that start a new group
 * at a time.
 */
package io.rocketcamel.component.rocketmq.consumer.offsets;
