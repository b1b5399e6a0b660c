package io.rocketcamel.component.rocketmq.idempotent;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.rocketcamel.component.rocketmq.internal.HomeQueueSelector.QueuePlace;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The view decides who owns a key by applying a queue's records in their order. The lite pull consumer can hand over
 * records out of it around a seek (a pull task the seek replaced puts its stale batch in after the new task took the
 * seek, and moves the pull position past records never delivered): applied as they came, a claim whose earlier claim
 * was skipped won here while another instance's won there, and both processed the key.
 */
class KeyLogTest {

    private final KeyLog log = new KeyLog(1_000, 0);

    @Test
    void aRecordAheadOfTheNextIsNotAppliedAndTheQueueIsReadAgainFromTheNext() {
        log.startAt("b", 0, 0);
        assertThat(log.apply(record(0, KeyLog.ADD, "order-1", "c1"))).isEqualTo(KeyLog.Place.NEXT);
        // offsets 1 and 2 (order-1's confirm, then order-2's claim by c2) skipped by the client
        assertThat(log.apply(record(3, KeyLog.ADD, "order-2", "c3"))).isEqualTo(KeyLog.Place.AHEAD);
        assertThat(log.owned("order-2")).as("a claim read out of its queue's order").isEqualTo(KeyLog.Decision.APPLIED);
        assertThat(log.nextOffset("b", 0)).isEqualTo(1);

        log.apply(record(1, KeyLog.CONFIRM, "order-1", "c1-confirm", "c1"));
        log.apply(record(2, KeyLog.ADD, "order-2", "c2"));
        log.apply(record(3, KeyLog.ADD, "order-2", "c3"));
        assertThat(log.owned("order-1")).isEqualTo(KeyLog.Decision.REFUSED);
        assertThat(log.owned("order-2")).as("c2's pending claim").isEqualTo(KeyLog.Decision.IN_PROGRESS);
    }

    @Test
    void aRecordReadBeforeIsNotAppliedAgain() {
        log.startAt("b", 0, 10);
        log.apply(record(10, KeyLog.ADD, "order-1", "c1"));
        log.apply(record(11, KeyLog.REMOVE, "order-1", "r1"));
        log.apply(record(12, KeyLog.ADD, "order-1", "c2"));
        // the remove delivered again would free the key c2 owns, in this view only
        assertThat(log.apply(record(11, KeyLog.REMOVE, "order-1", "r1"))).isEqualTo(KeyLog.Place.READ);
        assertThat(log.owned("order-1")).isEqualTo(KeyLog.Decision.IN_PROGRESS);
    }

    @Test
    void aQueueStartsWhereItsFirstRecordIs() {
        log.startAt("b", 1, 500);
        assertThat(log.apply(record(1, 499, KeyLog.ADD, "order-1", "c0"))).isEqualTo(KeyLog.Place.READ);
        assertThat(log.apply(record(1, 500, KeyLog.ADD, "order-1", "c1"))).isEqualTo(KeyLog.Place.NEXT);
        assertThat(log.nextOffset("b", 1)).isEqualTo(501);
    }

    @Test
    void theFirstReadableLayoutOfAQueueCountsAndNamesNoKey() {
        QueuePlace queue = new QueuePlace("b", 0);
        log.apply(record(0, KeyLog.LAYOUT, "b.0\nnot a queue", "l0"));
        assertThat(log.layoutIn(queue)).as("a layout not of this format").isEmpty();

        log.apply(record(1, KeyLog.LAYOUT, "broker-a.0\nbroker-a.1\nbroker.b.0", "l1"));
        log.apply(record(2, KeyLog.LAYOUT, "b.0", "l2"));

        assertThat(log.layoutIn(queue)).contains(List.of(new QueuePlace("broker-a", 0), new QueuePlace("broker-a", 1),
                new QueuePlace("broker.b", 0)));
        assertThat(log.layoutIn(new QueuePlace("b", 1))).isEmpty();
        assertThat(log.size()).isZero();
    }

    private static MessageExt record(long offset, String action, String key, String claim) {
        return record(0, offset, action, key, claim);
    }

    private static MessageExt record(long offset, String action, String key, String claim, String confirms) {
        MessageExt record = record(0, offset, action, key, claim);
        record.putUserProperty(KeyLog.CONFIRMS, confirms);
        return record;
    }

    private static MessageExt record(int queueId, long offset, String action, String key, String claim) {
        MessageExt record = new MessageExt();
        record.setTopic("keys");
        record.setBrokerName("b");
        record.setQueueId(queueId);
        record.setQueueOffset(offset);
        record.setTags(action);
        record.setBody(key.getBytes(StandardCharsets.UTF_8));
        record.setStoreTimestamp(System.currentTimeMillis());
        record.putUserProperty(KeyLog.CLAIM, claim);
        if (action.equals(KeyLog.ADD)) {
            record.putUserProperty(KeyLog.PENDING_FOR, "300000");
        }
        return record;
    }
}
