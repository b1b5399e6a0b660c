package io.rocketcamel.component.rocketmq.transaction;

import org.apache.camel.Message;

/**
 * Answers the broker's check-back about a half message whose outcome never reached it (the producer died or the local
 * transaction answered UNKNOWN). Referenced as {@code transactionChecker=#beanName}; called on the producer group's
 * check-back thread of any producer of the group, so it must decide from durable state (for example: does the order
 * row exist?), not from memory of the original send. That includes another instance of the application still running
 * the local transaction: no trace of it yet is UNKNOWN, not ROLLBACK, until the half message
 * ({@code CamelRocketMQBornTimestamp}) is older than any local transaction can run. A ROLLBACK has the broker forget
 * the message, which is then lost if that instance dies, or its outcome is lost, after its transaction committed.
 */
@FunctionalInterface
public interface RocketMQTransactionChecker {

    /**
     * @param halfMessage the half message: body, user properties as headers, {@code CamelRocketMQTransactionId},
     *                    {@code CamelRocketMQKeys}, {@code CamelRocketMQTopic} and the other consumer headers
     * @return COMMIT, ROLLBACK, or UNKNOWN to be asked again; an exception counts as UNKNOWN
     */
    TransactionState check(Message halfMessage) throws Exception;
}
