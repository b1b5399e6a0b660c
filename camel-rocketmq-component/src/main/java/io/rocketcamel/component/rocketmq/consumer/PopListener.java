package io.rocketcamel.component.rocketmq.consumer;

import java.util.List;

import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.remoting.protocol.header.ExtraInfoUtil;

/**
 * POP: a failed exchange's messages stay invisible for the POP retry delay of their attempt (10 s, 30 s, 1 min, ...,
 * or the route's level) and are then popped again by any consumer of the group, or are redelivered at the time the
 * route asked for. After maxReconsumeTimes they go to deadLetterUri or, since the client keeps no dead letters in POP
 * mode, to the group's dead-letter topic through this consumer. Messages popped while the consumer stops are not run:
 * they go back to the group uncounted, as those whose decision the stop cut short (see {@link ClusteringListener}).
 */
final class PopListener extends ClusteringListener {

    /** A pop whose invisibility is over: the broker hands it out again, and the client drops this one's outcome. */
    private static final Holding UNTIL_POP_LAPSES = (messages, queue) -> {
        String checkpoint = messages.get(0).getProperty(MessageConst.PROPERTY_POP_CK);
        if (checkpoint == null) {
            return null;
        }
        String[] receipt = ExtraInfoUtil.split(checkpoint);
        return System.currentTimeMillis() - ExtraInfoUtil.getPopTime(receipt) >= ExtraInfoUtil.getInvisibleTime(receipt)
                ? "their pop lapsed (popInvisibleTime): the broker redelivers them" : null;
    };

    PopListener(RouteRunner runner, ClusteringRedelivery redelivery) {
        super(runner, redelivery, UNTIL_POP_LAPSES);
    }

    @Override
    boolean settled(List<MessageExt> messages, ExchangeOutcome outcome) {
        return super.settled(messages, outcome)
               || redelivery.atLastAttempt(messages) && redelivery.delayed().deadLetter(messages);
    }
}
