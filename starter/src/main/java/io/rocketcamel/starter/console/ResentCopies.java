package io.rocketcamel.starter.console;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.console.IndexQuery;
import io.rocketcamel.component.rocketmq.console.UnansweredBrokers;
import io.rocketcamel.starter.BrokerAdmin;
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

    private ResentCopies() {
    }

    /**
     * @return the first copy stored after the dead letter, or {@code null} when none is
     * @throws IllegalStateException when none was found but a broker of the retry topic did not answer: the copy may
     *                               be there
     */
    static DeadLetters.Resent first(IndexLookups lookups, RocketMQConfiguration configuration, String group,
            MessageExt letter) throws Exception {
        String id = letter.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
        if (id == null) {
            return null;
        }
        IndexQuery.Found found = lookups.byUniqueKey(MixAll.getRetryTopic(BrokerAdmin.wrap(configuration, group)), id,
                letter.getStoreTimestamp() - INDEX_PRECISION_MILLIS);
        Optional<DeadLetters.Resent> copy = found.messages().stream()
                .filter(message -> message.getStoreTimestamp() > letter.getStoreTimestamp())
                .min(Comparator.comparingLong(MessageExt::getStoreTimestamp))
                .map(message -> new DeadLetters.Resent(message.getMsgId(), StoredMessage.withoutNamespace(
                        message.getProperty(MessageConst.PROPERTY_RETRY_TOPIC), configuration.getNamespace()),
                        Instant.ofEpochMilli(message.getStoreTimestamp())));
        if (copy.isEmpty() && !found.unanswered().isEmpty()) {
            throw new IllegalStateException("no copy found, but " + UnansweredBrokers.describe(found.unanswered()));
        }
        return copy.orElse(null);
    }
}
