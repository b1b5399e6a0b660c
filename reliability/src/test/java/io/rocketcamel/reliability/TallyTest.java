package io.rocketcamel.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each check reports what it is for: a loss, a duplicate, an inversion, an outage; and nothing when there is none. */
class TallyTest {

    private static Record processed(String id, long micros) {
        return new Record("P", id, micros, List.of(), "test");
    }

    @Test
    void missingReportsWhatWasAcknowledgedButNotStored() {
        assertThat(Tally.missing(List.of("s-0", "s-1", "s-2", "s-3"), List.of("s-0", "s-2", "s-2")))
                .containsExactly("s-1", "s-3");
        assertThat(Tally.missing(List.of("s-0", "s-1"), List.of("s-1", "s-0", "s-9"))).isEmpty();
    }

    @Test
    void duplicatesCountCopiesBeyondTheFirst() {
        assertThat(Tally.duplicates(List.of("a-0", "a-1", "a-1", "a-2", "a-1"))).isEqualTo(2);
        assertThat(Tally.duplicates(List.of("a-0", "a-1"))).isZero();
    }

    @Test
    void anInversionIsAFirstProcessingBehindALaterMessageOfTheSameKey() {
        // keys: SEQ % 2; key 0 = 0, 2, 4; key 1 = 1, 3
        List<Record> inOrder = List.of(processed("o-0", 1), processed("o-1", 2), processed("o-2", 3), processed("o-3", 4),
                processed("o-4", 5));
        assertThat(Tally.inversions(inOrder, 2)).isZero();

        List<Record> swapped = List.of(processed("o-0", 1), processed("o-4", 2), processed("o-2", 3), processed("o-1", 4),
                processed("o-3", 5));
        assertThat(Tally.inversions(swapped, 2)).isEqualTo(1);
    }

    @Test
    void aRedeliveryIsADuplicateNotAnInversion() {
        // after a takeover the new owner processes 2 and 4 again: duplicates, while first processings stay in order
        List<Record> redelivered = List.of(processed("o-0", 1), processed("o-2", 2), processed("o-4", 3), processed("o-2", 10),
                processed("o-4", 11), processed("o-6", 12));
        assertThat(Tally.inversions(redelivered, 2)).isZero();
        assertThat(Tally.duplicates(Tally.ids(redelivered))).isEqualTo(2);
    }

    @Test
    void processesAreOrderedByTimeNotByFile() {
        // the survivor's file is read first, but its records are later than the killed instance's
        List<Record> survivorFirst = List.of(processed("o-4", 20), processed("o-0", 1), processed("o-2", 2));
        assertThat(Tally.inversions(survivorFirst, 2)).isZero();
    }

    @Test
    void theLongestGapIsTheOutage() {
        Tally.Gap gap = Tally.longestGap(List.of(1_000L, 2_000L, 9_000_000L, 3_000L, 9_001_000L));
        assertThat(gap.millis()).isEqualTo(8_997);
        assertThat(gap.fromMicros()).isEqualTo(3_000L);
        assertThat(Tally.longestGap(List.of(5L)).millis()).isZero();
    }

    @Test
    void aControlPassesOnlyWhenItsLossIsReported() {
        Result control = new Result("1", "ONEWAY");
        control.control = true;
        control.lost = 0;
        assertThat(control.verdict()).isEqualTo(Result.Verdict.CONTROL_MISSED);
        assertThat(control.meetsGoal()).isFalse();
        control.lost = 12;
        assertThat(control.verdict()).isEqualTo(Result.Verdict.CONTROL_DETECTED);

        Result orderly = new Result("2", "ORDERLY");
        orderly.lost = 0;
        orderly.inversions = 1;
        assertThat(orderly.verdict()).isEqualTo(Result.Verdict.FAIL);
        orderly.inversionsInformational = true;
        assertThat(orderly.verdict()).isEqualTo(Result.Verdict.PASS);
        orderly.require(false, "the survivor takes over");
        assertThat(orderly.verdict()).isEqualTo(Result.Verdict.FAIL);
    }
}
