/**
 * Sends that are not waited for, kept in order where order matters: per topic (and, with an order key, per queue) a
 * lane holds the exchanges waiting to be sent, packs them into batches, bounds their memory and, for an ordered lane,
 * keeps one send on its way and retries it in place. Used by automatic batching and by ASYNC sends with an order key.
 */
package io.rocketcamel.component.rocketmq.producer.lanes;
