package io.rocketcamel.component.rocketmq.consumer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;

import io.rocketcamel.component.rocketmq.internal.Namespaces;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.UtilAll;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redelivery of CLUSTERING messages at a time the route chose ({@code retryLater(Duration)}), messages handed back at a
 * stop and, for POP consumers, dead letters. The broker's own redelivery only knows delay levels and counts every one
 * as an attempt, so these messages go to the group's retry topic as copies, built as the RocketMQ client builds a
 * retry when its send-back fails: the original topic and message id kept, the attempt counted (or, handed back, not),
 * so the broker dead-letters them after maxReconsumeTimes as any retry.
 */
final class DelayedRedelivery {

    private static final Logger LOG = LoggerFactory.getLogger(DelayedRedelivery.class);
    /** Properties of the consumed copy that must not travel with the retry (a timer of its own, a POP receipt). */
    private static final List<String> NOT_COPIED = List.of(MessageConst.PROPERTY_TIMER_DELIVER_MS,
            MessageConst.PROPERTY_TIMER_DELAY_MS, MessageConst.PROPERTY_TIMER_DELAY_SEC, MessageConst.PROPERTY_TIMER_OUT_MS,
            MessageConst.PROPERTY_TIMER_ENQUEUE_MS, MessageConst.PROPERTY_TIMER_DEQUEUE_MS,
            MessageConst.PROPERTY_TIMER_ROLL_TIMES, MessageConst.PROPERTY_TIMER_DEL_UNIQKEY,
            MessageConst.PROPERTY_DELAY_TIME_LEVEL, MessageConst.PROPERTY_POP_CK, MessageConst.PROPERTY_TRANSACTION_PREPARED);

    private final DefaultMQPushConsumer client;
    private final String namespace;
    private final int maxReconsumeTimes;

    DelayedRedelivery(DefaultMQPushConsumer client, String namespace, int maxReconsumeTimes) {
        this.client = client;
        this.namespace = namespace;
        this.maxReconsumeTimes = maxReconsumeTimes;
    }

    /** @return whether every message is on its way back; the caller then acknowledges the consumed ones */
    boolean resend(List<MessageExt> messages, Duration delay) {
        try {
            for (MessageExt message : messages) {
                Message retry = copyOf(message, message.getReconsumeTimes() + 1);
                // a delay, not a time: the broker counts it on its own clock, whatever this host's clock says
                retry.setDelayTimeMs(delay.toMillis());
                store(retry, message);
            }
            return true;
        } catch (Exception e) {
            // what was sent is delivered twice, the rest goes through the broker's own redelivery: nothing is lost
            LOG.warn("Cannot send message(s) of group {} back for a redelivery in {}; they are redelivered with the"
                     + " broker's delay instead: {}", client.getConsumerGroup(), delay, e.toString());
            return false;
        }
    }

    /**
     * The consumer stops before the route decided (manualAck) or, POP, before it ran: the route did not fail the
     * messages, so they go back to the group as they came, at their own attempt and due at once, for the group's next
     * consumer. The client's own way back (RECONSUME_LATER) counts an attempt, and on the last one dead-letters them;
     * a popped message the client merely left unacknowledged is revived by the broker counted too. A POP broker can
     * also revive a message uncounted (a changeInvisibleTime marked suspend), but the push client acknowledges or
     * changes every popped message once the listener returns, with the receipt such a change replaced: a second
     * checkpoint (the message revived twice, once counted), or an acknowledgement the broker would match to the new
     * checkpoint should both fall in the same millisecond (the message lost).
     *
     * @return whether every message is on its way back; the caller then acknowledges the consumed ones
     */
    boolean handBack(List<MessageExt> messages) {
        try {
            for (MessageExt message : messages) {
                store(copyOf(message, message.getReconsumeTimes()), message);
            }
            return true;
        } catch (Exception e) {
            // what was stored is delivered twice, the rest goes back as after a failed attempt: nothing is lost
            LOG.warn("Cannot hand message(s) of group {} back to its retry topic at the stop; they go back as after a"
                     + " failed attempt, which counts one (on the last, a dead letter): {}", client.getConsumerGroup(),
                    e.toString());
            return false;
        }
    }

    /**
     * POP: the client neither dead-letters a message after its last attempt nor keeps it (it acknowledges it once it
     * is older than two of its longest retry delays), so the consumer moves it to the group's dead-letter topic itself:
     * a copy counted past maxReconsumeTimes, which the broker stores there. Not a send-back: the broker builds that
     * from its stored copy, which for a message the POP retry brought back is the one in the POP retry topic, and the
     * dead letter named that topic as the one it was consumed from.
     *
     * @return whether every message reached the dead-letter topic
     */
    boolean deadLetter(List<MessageExt> messages) {
        try {
            for (MessageExt message : messages) {
                store(copyOf(message, maxReconsumeTimes + 1), message);
                LOG.warn("Message {} of topic {} (group {}) failed {} time(s) and was moved to the group's dead-letter"
                         + " topic", message.getMsgId(), message.getTopic(), client.getConsumerGroup(),
                        message.getReconsumeTimes() + 1);
            }
            return true;
        } catch (Exception e) {
            LOG.warn("Cannot move message(s) of group {} to the dead-letter topic; they stay invisible and come back: {}",
                    client.getConsumerGroup(), e.toString());
            return false;
        }
    }

    private void store(Message copy, MessageExt of) throws Exception {
        SendResult result = client.getDefaultMQPushConsumerImpl().getmQClientFactory().getDefaultMQProducer().send(copy);
        if (result.getSendStatus() != SendStatus.SEND_OK) {
            // the copy is all that keeps the message once the original is acknowledged: a copy a failover may lose
            // (not flushed, not on a slave) does not count as stored
            throw new IllegalStateException("the broker stored the copy of message " + of.getMsgId() + " only as "
                                            + result.getSendStatus());
        }
    }

    /**
     * A copy for the group's retry topic, as the RocketMQ client builds a retry when its send-back fails: the original
     * topic and message id kept, the attempt counted; the broker stores a copy counted past maxReconsumeTimes on the
     * group's dead-letter topic.
     */
    private Message copyOf(MessageExt message, int reconsumeTimes) {
        // the group is the client's own, which carries the namespace once the client started
        Message retry = new CountedCopy(MixAll.getRetryTopic(client.getConsumerGroup()), message.getBody(),
                String.valueOf(reconsumeTimes), String.valueOf(maxReconsumeTimes));
        // a copy: setProperties shares the map, and clearing the POP receipt there left the popped original without
        // the handle its acknowledgement needs (the broker then revived it: a second redelivery)
        MessageAccessor.setProperties(retry, new HashMap<>(message.getProperties()));
        NOT_COPIED.forEach(property -> MessageAccessor.clearProperty(retry, property));
        String originId = MessageAccessor.getOriginMessageId(message);
        MessageAccessor.setOriginMessageId(retry, UtilAll.isBlank(originId) ? message.getMsgId() : originId);
        retry.setFlag(message.getFlag());
        MessageAccessor.putProperty(retry, MessageConst.PROPERTY_RETRY_TOPIC, Namespaces.wrap(namespace, message.getTopic()));
        MessageAccessor.setReconsumeTime(retry, String.valueOf(reconsumeTimes));
        MessageAccessor.setMaxReconsumeTimes(retry, String.valueOf(maxReconsumeTimes));
        return retry;
    }

    /**
     * A copy whose attempt counts survive the client's own retries of its send: the client moves them from the
     * properties into the request and clears them there on its first try, so a send it retried (broker busy) carried
     * neither, and the broker stored the copy at attempt 0 under the group's default limit: one attempt more than
     * maxReconsumeTimes, or, POP, a dead letter run again.
     */
    private static final class CountedCopy extends Message {

        private final String reconsumeTimes;
        private final String maxReconsumeTimes;

        CountedCopy(String topic, byte[] body, String reconsumeTimes, String maxReconsumeTimes) {
            super(topic, body);
            this.reconsumeTimes = reconsumeTimes;
            this.maxReconsumeTimes = maxReconsumeTimes;
        }

        @Override
        public String getProperty(String name) {
            String value = super.getProperty(name);
            if (value != null) {
                return value;
            }
            return switch (name) {
                case MessageConst.PROPERTY_RECONSUME_TIME -> reconsumeTimes;
                case MessageConst.PROPERTY_MAX_RECONSUME_TIMES -> maxReconsumeTimes;
                default -> null;
            };
        }
    }
}
