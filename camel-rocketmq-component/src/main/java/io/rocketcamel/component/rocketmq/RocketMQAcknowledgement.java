package io.rocketcamel.component.rocketmq;

import java.time.Duration;

/**
 * The route's decision about the message(s) of a consumed exchange, with {@code manualAck=true}: found in the
 * {@link RocketMQConstants#ACKNOWLEDGEMENT} header. The consumer holds the message until one of these methods is
 * called, from any thread, or until {@code manualAckTimeout} has passed since the exchange completed (then the message
 * is redelivered), or until the route's consumer stops: then the message goes back to the consumer group as it came,
 * not counted as an attempt, as the route did not fail it. The first decision counts; a later call fails with
 * {@link IllegalStateException}, also when it comes after the timeout or the stop.
 */
public interface RocketMQAcknowledgement {

    /** The message was handled: it is acknowledged and not delivered again. */
    void ack();

    /**
     * The message is to be delivered again after the endpoint's retry delay (the {@code CamelRocketMQRetryDelayLevel}
     * header, {@code retryDelayLevel}, RocketMQ's growing delay; {@code suspendTime} for ORDERLY and BROADCASTING).
     * A message already at {@code maxReconsumeTimes} goes to {@code deadLetterUri} or the group's dead-letter topic.
     */
    void retryLater();

    /**
     * The message is to be delivered again after {@code delay}: CLUSTERING and POP consumers send it back to the
     * group's retry topic as a timer message, ORDERLY suspends its queue for that long (10 ms to 30 s), BROADCASTING
     * waits that long.
     *
     * @throws IllegalArgumentException when the delay is negative, above 30 s for an ORDERLY consumer, or above
     *                                  {@code maxDelay} (the brokers' timerMaxDelaySec, 3 days by default) for a
     *                                  CLUSTERING, POP or BROADCASTING one
     */
    void retryLater(Duration delay);
}
