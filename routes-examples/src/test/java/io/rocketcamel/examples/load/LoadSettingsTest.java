package io.rocketcamel.examples.load;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The load mode's options as given: a rate of -5 or 0 ran the scenario at its full target (100,000 orders a minute)
 * without a word (found by an outside audit; failed first here).
 */
class LoadSettingsTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void aRateThatIsNoPositiveNumberIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> LoadRunner.settings("-5", 100_000, Duration.ZERO, MINUTE, 32, MINUTE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rocketcamel.load.rate=-5: units a minute, a number above 0 (leave it out for the"
                            + " scenario's target, 100000)");
        assertThatThrownBy(() -> LoadRunner.settings("0", 100_000, Duration.ZERO, MINUTE, 32, MINUTE))
                .hasMessageStartingWith("rocketcamel.load.rate=0: ");
        assertThatThrownBy(() -> LoadRunner.settings("fast", 100_000, Duration.ZERO, MINUTE, 32, MINUTE))
                .hasMessageStartingWith("rocketcamel.load.rate=fast: ");
    }

    @Test
    void durationsAndWorkersOutOfRangeAreRefusedNamingTheProperty() {
        assertThatThrownBy(() -> LoadRunner.settings("", 100, Duration.ofSeconds(-1), MINUTE, 32, MINUTE))
                .hasMessage("rocketcamel.load.warm-up=PT-1S: 0s or longer");
        assertThatThrownBy(() -> LoadRunner.settings("", 100, Duration.ZERO, Duration.ZERO, 32, MINUTE))
                .hasMessage("rocketcamel.load.duration=PT0S: longer than 0s");
        assertThatThrownBy(() -> LoadRunner.settings("", 100, Duration.ZERO, MINUTE, 0, MINUTE))
                .hasMessage("rocketcamel.load.workers=0: 1 to 1000 caller threads");
        assertThatThrownBy(() -> LoadRunner.settings("", 100, Duration.ZERO, MINUTE, 32, Duration.ZERO))
                .hasMessage("rocketcamel.load.drain=PT0S: longer than 0s");
    }

    @Test
    void withoutARateTheScenariosTargetApplies() {
        assertThat(LoadRunner.settings("", 10_000, Duration.ZERO, MINUTE, 32, MINUTE).perMinute()).isEqualTo(10_000);
        assertThat(LoadRunner.settings(" 8000 ", 10_000, Duration.ZERO, MINUTE, 1, MINUTE).perMinute())
                .isEqualTo(8_000);
    }
}
