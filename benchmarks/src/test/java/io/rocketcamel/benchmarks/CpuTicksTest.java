package io.rocketcamel.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CpuTicksTest {

    @Test
    void othersAreTheBusyTicksThisJvmDidNotUse() {
        CpuTicks start = new CpuTicks(1_000, 400, 100);
        CpuTicks end = new CpuTicks(2_000, 1_200, 600);

        assertThat(end.othersShareSince(start)).isCloseTo(0.3, within(1e-9));
        assertThat(new CpuTicks(2_000, 700, 600).othersShareSince(start)).as("never below zero").isZero();
        assertThat(end.othersShareSince(new CpuTicks(-1, 0, 0))).as("unknown").isEqualTo(-1);
    }

    @Test
    void readsThisMachineAndThisJvm() {
        CpuTicks now = CpuTicks.now();
        assertThat(now.allTicks()).isPositive();
        assertThat(now.busyTicks()).isBetween(1L, now.allTicks());
        assertThat(now.ownTicks()).isPositive();
    }
}
