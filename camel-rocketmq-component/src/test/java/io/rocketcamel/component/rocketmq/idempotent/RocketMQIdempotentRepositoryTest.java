package io.rocketcamel.component.rocketmq.idempotent;

import java.time.Duration;

import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RocketMQIdempotentRepositoryTest {

    private static final String BROKER = "broker-a";

    @Test
    void badSettingsFailTheStartNamingTheSetting() {
        assertThatThrownBy(() -> new RocketMQIdempotentRepository().start()).hasMessageContaining("needs a topic");
        RocketMQIdempotentRepository noKeys = new RocketMQIdempotentRepository("keys");
        noKeys.setMaxKeys(0);
        assertThatThrownBy(noKeys::start).hasMessageContaining("maxKeys=0 must be at least 1");
        RocketMQIdempotentRepository negative = new RocketMQIdempotentRepository("keys");
        negative.setExpireAfter(Duration.ofSeconds(-1));
        assertThatThrownBy(negative::start).hasMessageContaining("expireAfter=PT-1S must be zero (never) or positive");
        RocketMQIdempotentRepository negativeClaim = new RocketMQIdempotentRepository("keys");
        negativeClaim.setClaimTimeout(Duration.ofSeconds(-1));
        assertThatThrownBy(negativeClaim::start)
                .hasMessageContaining("claimTimeout=PT-1S must be zero (claims final once they win) or positive");
        RocketMQIdempotentRepository noWait = new RocketMQIdempotentRepository("keys");
        noWait.setDecisionTimeout(Duration.ZERO);
        assertThatThrownBy(noWait::start).hasMessageContaining("decisionTimeout=PT0S must be positive");
        RocketMQIdempotentRepository noRewrite = new RocketMQIdempotentRepository("keys");
        noRewrite.setLayoutRewriteInterval(Duration.ZERO);
        assertThatThrownBy(noRewrite::start).hasMessageContaining("layoutRewriteInterval=PT0S must be positive");
        // RocketMQ's own rule, checked before any client starts rather than retried until decisionTimeout
        assertThatThrownBy(new RocketMQIdempotentRepository("order keys")::start).hasMessage(
                "RocketMQIdempotentRepository topic=order keys is refused by RocketMQ: The specified topic: order keys,"
                + " contains illegal"
                + " characters, allowing only ^[%|a-zA-Z0-9_-]+$");
    }

    @Test
    void theFirstLiveClaimOfAKeyWinsAndExpiryAndTheBoundCountInStoreTime() throws Exception {
        KeyLog log = new KeyLog(2, 1_000);
        var mine = log.await("me:1");
        var theirs = log.await("them:1");
        log.apply(record(0, 0, KeyLog.ADD, "k1", "them:1", 10_000));
        log.apply(record(0, 1, KeyLog.ADD, "k1", "me:1", 10_500));
        assertThat(theirs.get()).isEqualTo(KeyLog.Decision.APPLIED);
        assertThat(mine.get()).as("a second claim within expireAfter loses").isEqualTo(KeyLog.Decision.REFUSED);

        var later = log.await("me:2");
        log.apply(record(0, 2, KeyLog.ADD, "k1", "me:2", 11_000));
        assertThat(later.get()).as("a claim expireAfter after the first wins again").isEqualTo(KeyLog.Decision.APPLIED);

        var removal = log.await("them:2");
        log.apply(record(0, 3, KeyLog.REMOVE, "k1", "them:2", 11_100));
        var afterRemoval = log.await("me:3");
        log.apply(record(0, 4, KeyLog.ADD, "k1", "me:3", 11_200));
        assertThat(removal.get()).isEqualTo(KeyLog.Decision.APPLIED);
        assertThat(afterRemoval.get()).isEqualTo(KeyLog.Decision.APPLIED);

        log.apply(record(0, 5, KeyLog.ADD, "k2", "x:1", 11_300));
        log.apply(record(0, 6, KeyLog.ADD, "k3", "x:2", 11_400));
        // two keys per queue: k1, the oldest claim, is forgotten
        var again = log.await("me:4");
        log.apply(record(0, 7, KeyLog.ADD, "k1", "me:4", 11_500));
        assertThat(again.get()).isEqualTo(KeyLog.Decision.APPLIED);
        assertThat(log.nextOffset(BROKER, 0)).isEqualTo(8);
        assertThat(log.size()).isEqualTo(2);
    }

    /**
     * Pending claims, judged by store time and by the timeout each claim carries, so that every reader agrees: a claim
     * meeting a pending one is in progress until the first is confirmed (then refused) or has been pending its timeout
     * (then it takes over); a confirm of a claim taken over changes nothing; a claim without a timeout is final.
     */
    @Test
    void aPendingClaimHoldsItsKeyUntilConfirmedOrTakenOverAfterItsTimeout() throws Exception {
        KeyLog log = new KeyLog(10, 0);
        log.apply(pending(record(0, 0, KeyLog.ADD, "k1", "a:1", 10_000), 2_000));
        var copy = log.await("b:1");
        log.apply(pending(record(0, 1, KeyLog.ADD, "k1", "b:1", 11_999), 2_000));
        assertThat(copy.get()).as("a claim while the first is pending").isEqualTo(KeyLog.Decision.IN_PROGRESS);

        var takeOver = log.await("b:2");
        log.apply(pending(record(0, 2, KeyLog.ADD, "k1", "b:2", 12_000), 2_000));
        assertThat(takeOver.get()).as("a claim stored the timeout after the first").isEqualTo(KeyLog.Decision.APPLIED);
        log.apply(confirm(record(0, 3, KeyLog.CONFIRM, "k1", "a:2", 12_100), "a:1"));
        var afterLateConfirm = log.await("c:1");
        log.apply(pending(record(0, 4, KeyLog.ADD, "k1", "c:1", 12_200), 2_000));
        assertThat(afterLateConfirm.get()).as("the confirm of a claim taken over confirms nothing")
                .isEqualTo(KeyLog.Decision.IN_PROGRESS);

        log.apply(confirm(record(0, 5, KeyLog.CONFIRM, "k1", "b:3", 12_300), "b:2"));
        var afterConfirm = log.await("c:2");
        log.apply(pending(record(0, 6, KeyLog.ADD, "k1", "c:2", 99_000), 2_000));
        assertThat(afterConfirm.get()).as("a confirmed claim is final").isEqualTo(KeyLog.Decision.REFUSED);
        assertThat(log.owned("k1")).isEqualTo(KeyLog.Decision.REFUSED);

        log.apply(record(0, 7, KeyLog.ADD, "k2", "old:1", 1));
        var againstFinal = log.await("c:3");
        log.apply(pending(record(0, 8, KeyLog.ADD, "k2", "c:3", 99_000), 2_000));
        assertThat(againstFinal.get()).as("a claim written without claimTimeout is final")
                .isEqualTo(KeyLog.Decision.REFUSED);
    }

    private static MessageExt pending(MessageExt add, long pendingForMillis) {
        add.putUserProperty(KeyLog.PENDING_FOR, Long.toString(pendingForMillis));
        return add;
    }

    private static MessageExt confirm(MessageExt confirm, String confirmed) {
        confirm.putUserProperty(KeyLog.CONFIRMS, confirmed);
        return confirm;
    }

    private static MessageExt record(int queue, long offset, String action, String key, String claim, long storeTime) {
        MessageExt record = new MessageExt();
        record.setBrokerName(BROKER);
        record.setQueueId(queue);
        record.setQueueOffset(offset);
        record.setTags(action);
        record.setBody(key.getBytes());
        record.putUserProperty(KeyLog.CLAIM, claim);
        record.setStoreTimestamp(storeTime);
        return record;
    }

    @Test
    void theReleaseOfAFailedAddFreesItsKeyOnlyWhileItsClaimOwnsIt() {
        KeyLog log = new KeyLog(10, 0);
        log.apply(record(0, 0, KeyLog.ADD, "k1", "them:1", 1));
        log.apply(release(1, "k1", "me:1"));
        assertThat(log.contains("k1")).as("another instance's claim stays").isTrue();
        log.apply(record(0, 2, KeyLog.ADD, "k2", "me:2", 3));
        log.apply(release(3, "k2", "me:2"));
        assertThat(log.contains("k2")).as("the failed add's own claim is released").isFalse();
    }

    private static MessageExt release(long offset, String key, String releasedClaim) {
        MessageExt release = record(0, offset, KeyLog.REMOVE, key, "me:release-" + offset, offset + 1);
        release.putUserProperty(KeyLog.RELEASES, releasedClaim);
        return release;
    }

    @Test
    void unknownRecordsAreSkipped() {
        KeyLog log = new KeyLog(10, 0);
        log.apply(record(1, 0, "open", "", "x:1", 1));
        assertThat(log.size()).isZero();
        assertThat(log.nextOffset(BROKER, 1)).isEqualTo(1);
    }
}
