package io.rocketcamel.component.rocketmq.consumer;

import java.util.List;

import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyContext;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.header.ExtraInfoUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POP: a failed exchange's messages stay invisible for the POP retry delay of their attempt (10 s, 30 s, 1 min, ...,
 * or the route's level) and are then popped again by any consumer of the group, or are redelivered at the time the
 * route asked for. After maxReconsumeTimes they go to deadLetterUri or, since the client keeps no dead letters in POP
 * mode, to the group's dead-letter topic through this consumer. Messages popped while the consumer stops are not run:
 * they go back to the group uncounted, as those whose decision the stop cut short (see {@link ClusteringListener});
 * so do messages a suspended route held until their pop was about to lapse.
 */
final class PopListener extends ClusteringListener {

    private static final Logger LOG = LoggerFactory.getLogger(PopListener.class);

    /**
     * A held message goes back to the group this long before its pop lapses: its copy stored and its pop acknowledged
     * in time, where the broker's revival would count an attempt (on the last, a dead letter unrun).
     */
    private static final long HAND_BACK_BEFORE_LAPSE_MILLIS = 2_000;

    /** A pop whose invisibility is over: the broker hands it out again, and the client drops this one's outcome. */
    private static final Holding UNTIL_POP_LAPSES = new Holding() {
        @Override
        public String lostBecause(List<MessageExt> messages, MessageQueue queue) {
            return System.currentTimeMillis() >= lapsesAt(messages)
                    ? "their pop lapsed (popInvisibleTime): the broker redelivers them" : null;
        }

        @Override
        public long keptUntil(List<MessageExt> messages) {
            long lapsesAt = lapsesAt(messages);
            return lapsesAt == Long.MAX_VALUE ? lapsesAt : lapsesAt - HAND_BACK_BEFORE_LAPSE_MILLIS;
        }
    };

    /** When the messages' pop lapses (epoch milliseconds, the broker's clock); never for messages not popped. */
    private static long lapsesAt(List<MessageExt> messages) {
        String checkpoint = messages.get(0).getProperty(MessageConst.PROPERTY_POP_CK);
        if (checkpoint == null) {
            return Long.MAX_VALUE;
        }
        String[] receipt = ExtraInfoUtil.split(checkpoint);
        return ExtraInfoUtil.getPopTime(receipt) + ExtraInfoUtil.getInvisibleTime(receipt);
    }

    PopListener(RouteRunner runner, ClusteringRedelivery redelivery) {
        super(runner, redelivery, UNTIL_POP_LAPSES);
    }

    /**
     * Messages back after their last attempt: that run outlasted its pop, so the broker revived them counted, and
     * running them again would go on without end (each run outlasting its pop). They are dead-lettered unrun.
     */
    @Override
    public ConsumeConcurrentlyStatus consumeMessage(List<MessageExt> messages, ConsumeConcurrentlyContext context) {
        if (!redelivery.pastLastAttempt(messages)) {
            return super.consumeMessage(messages, context);
        }
        LOG.warn("Message(s) {} of {} came back after their last attempt (a run that outlasted popInvisibleTime, or a"
                 + " lowered maxReconsumeTimes): they are dead-lettered without running again", ids(messages),
                context.getMessageQueue());
        ExchangeOutcome outcome = new ExchangeOutcome(new IllegalStateException("The route ran longer than"
                + " popInvisibleTime on the message's last attempt; the broker handed it out again"));
        return settled(messages, outcome) == messages.size() ? ConsumeConcurrentlyStatus.CONSUME_SUCCESS
                : ConsumeConcurrentlyStatus.RECONSUME_LATER;
    }

    /** Their outcome is dropped by the client, and the broker has them again, counted: nothing to send anywhere. */
    @Override
    boolean lapsedWhileRunning(List<MessageExt> messages) {
        String lapsed = UNTIL_POP_LAPSES.lostBecause(messages, null);
        if (lapsed != null) {
            LOG.warn("The route ran longer than popInvisibleTime on message(s) {}: {}, counted, and this run's"
                     + " outcome is dropped; raise popInvisibleTime above the route's longest run", ids(messages),
                    lapsed);
        }
        return lapsed != null;
    }

    private static List<String> ids(List<MessageExt> messages) {
        return messages.stream().map(MessageExt::getMsgId).toList();
    }

    /** The rest of a batch the dead-letter endpoint took a part of goes to %DLQ% as copies, as a whole one would. */
    @Override
    int settled(List<MessageExt> messages, ExchangeOutcome outcome) {
        int settled = super.settled(messages, outcome);
        List<MessageExt> rest = messages.subList(settled, messages.size());
        return !rest.isEmpty() && redelivery.atLastAttempt(messages) && redelivery.delayed().deadLetter(rest)
                ? messages.size() : settled;
    }
}
