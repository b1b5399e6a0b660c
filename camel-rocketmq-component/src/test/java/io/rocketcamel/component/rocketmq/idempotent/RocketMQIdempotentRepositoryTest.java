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
        RocketMQIdempotentRepository noWait = new RocketMQIdempotentRepository("keys");
        noWait.setDecisionTimeout(Duration.ZERO);
        assertThatThrownBy(noWait::start).hasMessageContaining("decisionTimeout=PT0S must be positive");
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
        assertThat(theirs.get()).isTrue();
        assertThat(mine.get()).as("a second claim within expireAfter loses").isFalse();

        var later = log.await("me:2");
        log.apply(record(0, 2, KeyLog.ADD, "k1", "me:2", 11_000));
        assertThat(later.get()).as("a claim expireAfter after the first wins again").isTrue();

        var removal = log.await("them:2");
        log.apply(record(0, 3, KeyLog.REMOVE, "k1", "them:2", 11_100));
        var afterRemoval = log.await("me:3");
        log.apply(record(0, 4, KeyLog.ADD, "k1", "me:3", 11_200));
        assertThat(removal.get()).isTrue();
        assertThat(afterRemoval.get()).isTrue();

        log.apply(record(0, 5, KeyLog.ADD, "k2", "x:1", 11_300));
        log.apply(record(0, 6, KeyLog.ADD, "k3", "x:2", 11_400));
        // two keys per queue: k1, the oldest claim, is forgotten
        var again = log.await("me:4");
        log.apply(record(0, 7, KeyLog.ADD, "k1", "me:4", 11_500));
        assertThat(again.get()).isTrue();
        assertThat(log.nextOffset(BROKER, 0)).isEqualTo(8);
        assertThat(log.size()).isEqualTo(2);
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
