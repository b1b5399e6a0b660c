package io.rocketcamel.examples.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrackerTest {

    @Test
    void aUnitWhoseStartFailedCountsOnceAndIsNoLongerInFlight() {
        Tracker tracker = new Tracker();
        tracker.started("order-1");
        tracker.started("order-2");

        // as a scenario and then the load run see one failed send
        tracker.failedToStart("order-1");
        tracker.startFailed();

        assertThat(tracker.startFailures()).isOne();
        tracker.finished("order-2");
        assertThat(tracker.finished()).isOne();
        tracker.finished("order-1");
        assertThat(tracker.finished()).as("the failed unit never finishes").isOne();
    }
}
