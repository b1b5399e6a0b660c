/**
 * Readiness checks of consumers and producers for Camel's health-check registry (camel-health), read from what the
 * clients already know and how the last sends went: no call to the cluster per probe.
 */
package io.rocketcamel.component.rocketmq.health;
