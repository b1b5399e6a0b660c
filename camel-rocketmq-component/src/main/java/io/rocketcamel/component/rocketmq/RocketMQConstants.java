package io.rocketcamel.component.rocketmq;

import org.apache.camel.spi.Metadata;

/**
 * Camel headers of the {@code rocketmq} component. Headers marked "in" are set on exchanges a consumer creates; the
 * result headers are set on the exchange after a send; the override headers are read by the producer.
 */
public final class RocketMQConstants {

    @Metadata(label = "consumer", description = "The topic the message was consumed from.", javaType = "String")
    public static final String TOPIC = "CamelRocketMQTopic";
    @Metadata(description = "The message tag. On a producer it overrides the `tags` option (a blank value the route"
                            + " set fails the exchange); on a consumer it is the tag of the consumed message, which a forward keeps"
                            + " unless its endpoint has a `tags` option.",
              javaType = "String")
    public static final String TAGS = "CamelRocketMQTags";
    @Metadata(description = "The message keys, separated by spaces (a producer also takes a collection or array of keys)."
                            + " On a producer it overrides the `keys` option; on a"
                            + " consumer they are the consumed message's, which a forward keeps unless its endpoint has a"
                            + " `keys` option.",
              javaType = "String")
    public static final String KEYS = "CamelRocketMQKeys";
    @Metadata(label = "producer", description = "The order key: the message goes to the queue chosen by a stable hash of"
                                                + " this value. Overrides the `orderKey` option. A blank value, or"
                                                + " several (a collection or array), fails the exchange.",
              javaType = "String")
    public static final String ORDER_KEY = "CamelRocketMQOrderKey";
    @Metadata(label = "producer", description = "The time at which the broker delivers the message (RocketMQ 5 timer"
                                                + " message): epoch milliseconds, a Date, an Instant, a date-time with"
                                                + " an offset or zone, or an ISO-8601 instant text. Overrides the"
                                                + " `delay` and `delayLevel` options; cannot be combined with"
                                                + " CamelRocketMQOverrideDelayLevel. A value before 2001 (epoch seconds"
                                                + " by mistake) fails the exchange, as does a time further ahead than"
                                                + " `maxDelay` (before anything is sent). On a Camel message of a list"
                                                + " body, that message's own time.",
              javaType = "long")
    public static final String DELIVER_TIME = "CamelRocketMQDeliverTime";
    @Metadata(label = "consumer", description = "The delay level the message was sent with (0 for none).",
              javaType = "int")
    public static final String DELAY_LEVEL = "CamelRocketMQDelayLevel";
    @Metadata(label = "producer", description = "The delay level to send with, overriding the `delayLevel` and `delay`"
                                                + " options (0: no delay). Not"
                                                + " the consumer's `CamelRocketMQDelayLevel`, so a route that forwards a"
                                                + " delayed message does not delay it again. A value that is no whole"
                                                + " level from 0 to `delayLevelCount` fails the exchange. On a Camel"
                                                + " message of a list body, that message's own level.",
              javaType = "int")
    public static final String OVERRIDE_DELAY_LEVEL = "CamelRocketMQOverrideDelayLevel";
    @Metadata(label = "producer", description = "Sends to this topic instead of the endpoint's (used by `toD`). On a"
                                                + " Camel message (or an exchange) of a list body, that message goes to"
                                                + " this topic, the others to the exchange's. Removed once the send"
                                                + " completed; a retry of a failed send to the same endpoint finds it"
                                                + " again.",
              javaType = "String")
    public static final String OVERRIDE_TOPIC = "CamelRocketMQOverrideTopic";

    @Metadata(description = "The message id: the one the broker assigned on a consumer; after a send the id of the sent"
                            + " message (comma separated for a batch). A ONEWAY send sets only this result header, the"
                            + " id the client gave the message, and removes an earlier send's others.",
              javaType = "String")
    public static final String MESSAGE_ID = "CamelRocketMQMessageId";
    @Metadata(description = "The queue id of the consumed or the sent message.", javaType = "int")
    public static final String QUEUE_ID = "CamelRocketMQQueueId";
    @Metadata(description = "The offset of the message in its queue.", javaType = "long")
    public static final String QUEUE_OFFSET = "CamelRocketMQQueueOffset";
    @Metadata(description = "The name of the broker that stored the message.", javaType = "String")
    public static final String BROKER_NAME = "CamelRocketMQBrokerName";
    @Metadata(label = "consumer", description = "When the producer created the message (epoch milliseconds).",
              javaType = "long")
    public static final String BORN_TIMESTAMP = "CamelRocketMQBornTimestamp";
    @Metadata(label = "consumer", description = "When the broker stored the message (epoch milliseconds).",
              javaType = "long")
    public static final String STORE_TIMESTAMP = "CamelRocketMQStoreTimestamp";
    @Metadata(label = "consumer", description = "How many times this message was redelivered after a failed exchange.",
              javaType = "int")
    public static final String RECONSUME_TIMES = "CamelRocketMQReconsumeTimes";
    @Metadata(label = "producer", description = "The send status (SEND_OK, FLUSH_DISK_TIMEOUT, FLUSH_SLAVE_TIMEOUT,"
                                                + " SLAVE_NOT_AVAILABLE). Not set for ONEWAY sends.",
              javaType = "org.apache.rocketmq.client.producer.SendStatus")
    public static final String SEND_STATUS = "CamelRocketMQSendStatus";
    @Metadata(label = "producer", description = "The client's full send result: one `SendResult`, or a `List` of them"
                                                + " when the body was sent as several batches.",
              javaType = "Object")
    public static final String SEND_RESULT = "CamelRocketMQSendResult";

    @Metadata(label = "producer", description = "Transactional sends: COMMIT, ROLLBACK or UNKNOWN. Set by the local"
                                                + " transaction (or, without localTransaction, by the route before the"
                                                + " exchange completes, or an enclosing Spring transaction ends) to choose"
                                                + " the outcome, by a checker route to answer"
                                                + " a check-back. With localTransaction it holds the outcome given to the"
                                                + " broker after the send, unless an earlier send of the exchange waits"
                                                + " for the exchange to complete: then it stays the route's decision for"
                                                + " that send.",
              javaType = "String")
    public static final String TRANSACTION_STATE = "CamelRocketMQTransactionState";
    @Metadata(label = "producer", description = "The transaction id of a transactional send, also on the exchange a"
                                                + " transactionChecker gets.",
              javaType = "String")
    public static final String TRANSACTION_ID = "CamelRocketMQTransactionId";
    @Metadata(label = "producer", description = "On the exchange a transactionChecker gets: how many times the broker"
                                                + " has asked about the transaction, this check-back included (the"
                                                + " broker gives a transaction up after its transactionCheckMax, 15 by"
                                                + " default). Absent when the broker did not say.",
              javaType = "Integer")
    public static final String TRANSACTION_CHECK_TIMES = "CamelRocketMQTransactionCheckTimes";

    @Metadata(description = "The message group (RocketMQ 5 FIFO group): on a producer it overrides the `messageGroup`"
                            + " option; on a consumer it is the group the message was sent with, which a forward keeps"
                            + " unless its endpoint has a `messageGroup` or `orderKey` (or the exchange an order key)."
                            + " A blank value, or several (a collection or array), fails the exchange.",
              javaType = "String")
    public static final String MESSAGE_GROUP = "CamelRocketMQMessageGroup";
    @Metadata(label = "consumer", description = "With `manualAck=true`: the `RocketMQAcknowledgement` of the exchange's"
                                                + " message(s): its `ack` method acknowledges them, `retryLater` (after"
                                                + " the endpoint's retry delay, or after a given `Duration`) has them"
                                                + " redelivered.",
              javaType = "io.rocketcamel.component.rocketmq.RocketMQAcknowledgement")
    public static final String ACKNOWLEDGEMENT = "CamelRocketMQAcknowledgement";
    @Metadata(label = "consumer", description = "Set by the route: the delay level of the next redelivery of this"
                                                + " exchange's message(s) if it fails, overriding the `retryDelayLevel`"
                                                + " option (CLUSTERING). A value that is no level of the brokers'"
                                                + " (or of POP's retry delays) is ignored with a WARN.",
              javaType = "int")
    public static final String RETRY_DELAY_LEVEL = "CamelRocketMQRetryDelayLevel";
    @Metadata(label = "producer", description = "After sending a timer message (`delay` or `CamelRocketMQDeliverTime`):"
                                                + " the handle that recalls it before it is delivered; the exchange's"
                                                + " next send replaces it, or removes it when it sends no timer message."
                                                + " Read by the `RECALL` operation.",
              javaType = "String")
    public static final String RECALL_HANDLE = "CamelRocketMQRecallHandle";
    @Metadata(label = "producer", description = "What the producer does with the exchange: `SEND` (the default) or"
                                                + " `RECALL`, which recalls the timer message whose handle is in"
                                                + " `CamelRocketMQRecallHandle` so it is never delivered. It applies to"
                                                + " one send: it leaves the exchange once that send completed.",
              javaType = "String", enums = "SEND,RECALL")
    public static final String OPERATION = "CamelRocketMQOperation";
    // A dead letter's origin: plain names, not CamelRocketMQ ones, so that a dead letter parked on a topic
    // (deadLetterUri=rocketmq:...) carries them as user properties; the component's own headers are not sent on.
    @Metadata(label = "consumer", description = "On the exchange sent to `deadLetterUri`: the topic the message was"
                                                + " consumed from. Sent on as a user property.",
              javaType = "String")
    public static final String DEAD_LETTER_ORIGIN_TOPIC = "DeadLetterOriginTopic";
    @Metadata(label = "consumer", description = "On the exchange sent to `deadLetterUri`: the message's id on the topic"
                                                + " it was consumed from. Sent on as a user property.",
              javaType = "String")
    public static final String DEAD_LETTER_ORIGIN_MESSAGE_ID = "DeadLetterOriginMessageId";
    @Metadata(label = "consumer", description = "On the exchange sent to `deadLetterUri`: the consumer group that gave"
                                                + " the message up. Sent on as a user property.",
              javaType = "String")
    public static final String DEAD_LETTER_CONSUMER_GROUP = "DeadLetterConsumerGroup";
    @Metadata(label = "consumer", description = "On the exchange sent to `deadLetterUri`: how many times the message"
                                                + " was tried. Sent on as a user property.",
              javaType = "int")
    public static final String DEAD_LETTER_ATTEMPTS = "DeadLetterAttempts";
    @Metadata(label = "consumer", description = "On the exchange sent to `deadLetterUri`: the last failure (its class"
                                                + " and message, at most 1,000 characters). Sent on as a user"
                                                + " property.",
              javaType = "String")
    public static final String DEAD_LETTER_FAILURE = "DeadLetterFailure";

    private RocketMQConstants() {
    }
}
