package io.rocketcamel.starter.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateTest {

    private static final long START = 1_000_000_000L;

    @Test
    void throughputIsOverTheLastWholeMinuteAndFailuresOverFiveMinutes() {
        Rate rate = new Rate(START);
        for (int second = 0; second < 120; second++) {
            rate.record(2, second % 10 == 0, START + second * 1000L + 500);
        }
        long now = START + 120_000;
        // seconds 60..119: 2 messages each
        assertThat(rate.perSecond(now)).isEqualTo(2.0);
        // 12 failing seconds of 2 messages
        assertThat(rate.recentFailures(now)).isEqualTo(24);
        assertThat(rate.messages()).isEqualTo(240);
        assertThat(rate.failures()).isEqualTo(24);
    }

    @Test
    void aYoungRateDividesByTheSecondsItHasLivedAndTheCurrentSecondIsNotYetThroughput() {
        Rate rate = new Rate(START);
        rate.record(10, false, START + 100);
        rate.record(5, true, START + 2_500);
        assertThat(rate.perSecond(START + 2_900)).isEqualTo(5.0);
        assertThat(rate.recentFailures(START + 2_900)).as("this second's failures count at once").isEqualTo(5);
    }

    @Test
    void slotsOfALapAgoCountAsEmpty() {
        Rate rate = new Rate(START);
        rate.record(7, true, START);
        // 300 s later the same slot is reused
        rate.record(1, false, START + 300_000);
        assertThat(rate.recentFailures(START + 300_000)).isZero();
        assertThat(rate.perSecond(START + 301_000)).isEqualTo(1.0 / 60);
        assertThat(rate.perSecond(START + 700_000)).isZero();
        assertThat(rate.failures()).isEqualTo(7);
    }
}
