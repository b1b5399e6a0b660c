package io.rocketcamel.component.rocketmq.idempotent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnfinishedRemovesTest {

    private final List<String> written = new CopyOnWriteArrayList<>();

    /**
     * A failed add's release of its own claim (X) is pending when another exchange's remove of the key fails: the
     * remove frees the key whoever owns it, the release only while X does. The remove was dropped, the release written
     * instead, and the key stayed with the other exchange's claim, its redelivery skipped as a duplicate.
     */
    @Test
    void aRemoveOfTheKeyReplacesAPendingReleaseOfOneClaim() {
        try (UnfinishedRemoves removes = new UnfinishedRemoves("t", (key, released) -> written.add(key + " " + released))) {
            removes.failed("k", "claim-x");
            removes.failed("k", null);

            removes.finish("k");

            assertThat(written).containsExactly("k null");
            assertThat(removes.size()).isZero();
        }
    }

    @Test
    void aPendingRemoveOfTheKeyIsNotNarrowedByALaterRelease() {
        try (UnfinishedRemoves removes = new UnfinishedRemoves("t", (key, released) -> written.add(key + " " + released))) {
            removes.failed("k", null);
            removes.failed("k", "claim-x");

            removes.finish("k");

            assertThat(written).containsExactly("k null");
        }
    }
}
