package io.rocketcamel.examples.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WarmUpStateTest {

    private static final double SAGA_TARGET_MS = 200;

    @Test
    void aColdStartWarmsOnUntilItsLastSecondIsWithinTheTarget() {
        // the saga at 8,000 a minute, second 61 of a warm-up: 234 in flight, p99 2.6 s, the callers keeping up
        assertThat(WarmUpState.of(2_638, SAGA_TARGET_MS, 0.1)).isEqualTo(WarmUpState.RECOVERING);
        // second 64: p99 48 ms
        assertThat(WarmUpState.of(48, SAGA_TARGET_MS, 0)).isEqualTo(WarmUpState.SETTLED);
        assertThat(WarmUpState.of(SAGA_TARGET_MS, SAGA_TARGET_MS, 0)).isEqualTo(WarmUpState.SETTLED);
    }

    @Test
    void callersFarBehindTheRateAreAnOverload() {
        assertThat(WarmUpState.of(9_000, SAGA_TARGET_MS, WarmUpState.BEHIND_SECONDS)).isEqualTo(WarmUpState.OVERLOADED);
        assertThat(WarmUpState.of(9_000, SAGA_TARGET_MS, 9.9)).isEqualTo(WarmUpState.RECOVERING);
        // units that finish within the target are settled, however far behind the callers are: the callers are the bound
        assertThat(WarmUpState.of(40, SAGA_TARGET_MS, 38)).isEqualTo(WarmUpState.SETTLED);
    }

    @Test
    void aSecondInWhichNothingFinishedIsNotWithinTheTarget() {
        assertThat(WarmUpState.of(0, SAGA_TARGET_MS, 0)).isEqualTo(WarmUpState.RECOVERING);
        assertThat(WarmUpState.of(0, SAGA_TARGET_MS, 12)).isEqualTo(WarmUpState.OVERLOADED);
    }
}
