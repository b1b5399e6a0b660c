/**
 * Transactional (half) messages: the send path of {@code transactional=true}, the one client per producer group that
 * answers the broker's check-backs, and the checker API users implement
 * ({@link io.rocketcamel.component.rocketmq.transaction.RocketMQTransactionChecker},
 * {@link io.rocketcamel.component.rocketmq.transaction.TransactionState}).
 */
package io.rocketcamel.component.rocketmq.transaction;
