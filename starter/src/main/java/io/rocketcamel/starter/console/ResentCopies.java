package io.rocketcamel.starter.console;

import java.time.Instant;
import java.util.Comparator;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.starter.BrokerAdmin;
import org.apache.rocketmq.client.QueryResult;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * Whether a console re-sent a dead letter, this one or any other (another replica's, one that ran before a restart):
 * a re-send is a copy in the group's retry topic under the dead letter's message id, stored after the dead letter.
 * RocketMQ's own redeliveries of the message are in that topic under the same id too, but all stored before it (the
 * broker writes the dead letter in place of the next one). Read from the broker's index of message ids (on unless a
 * broker sets messageIndexEnable=false; then, as for a dead letter without an id, nothing is found).
 */
final class ResentCopies {

    /** The index keeps store times to the second: asked from a second earlier, then compared to the millisecond. */
    private static final long INDEX_PRECISION_MILLIS = 1000;
    /** A copy that failed again is redelivered under the same id: more than the dead letter's one copy may be found. */
    private static final int MAX_FOUND = 64;

    private final BrokerAdmin admin;

    ResentCopies(BrokerAdmin admin) {
        this.admin = admin;
    }

    /** @return the first copy stored after the dead letter, or {@code null} when none is */
    DeadLetters.Resent first(RocketMQConfiguration configuration, String group, MessageExt letter) throws Exception {
        String id = letter.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
        if (id == null) {
            return null;
        }
        QueryResult found;
        try {
            found = admin.client(configuration).queryMessageByUniqKey(null,
                    MixAll.getRetryTopic(BrokerAdmin.wrap(configuration, group)), id, MAX_FOUND,
                    letter.getStoreTimestamp() - INDEX_PRECISION_MILLIS, Long.MAX_VALUE);
        } catch (MQClientException e) {
            if (BrokerReads.nothingFound(e)) {
                return null;
            }
            throw e;
        }
        return found.getMessageList().stream().filter(copy -> copy.getStoreTimestamp() > letter.getStoreTimestamp())
                .min(Comparator.comparingLong(MessageExt::getStoreTimestamp))
                .map(copy -> new DeadLetters.Resent(copy.getMsgId(), StoredMessage.withoutNamespace(
                        copy.getProperty(MessageConst.PROPERTY_RETRY_TOPIC), configuration.getNamespace()),
                        Instant.ofEpochMilli(copy.getStoreTimestamp())))
                .orElse(null);
    }
}
