/**
 * What producers, consumers and transactions share: client construction with every option in one place, header
 * mapping, message bodies, the namespace, option expressions. Public only so the other packages of the component can
 * use it; not an API.
 */
package io.rocketcamel.component.rocketmq.internal;
