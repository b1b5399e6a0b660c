package io.rocketcamel.examples.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class UnitCostTest {

    @Test
    void theCostPerUnitGivesTheCoresTheTargetNeeds() {
        // 1.5 cores for 80 s finishing 48,000 units: 2.5 ms a unit; 100,000 a minute then needs 4.17 cores
        UnitCost cost = new UnitCost(1.5, 80, 48_000, 100_000, 2);

        assertThat(cost.cpuMillisPerUnit()).isCloseTo(2.5, within(1e-9));
        assertThat(cost.coresForTarget()).isCloseTo(4.1667, within(1e-3));
        assertThat(cost.boundText()).isEqualTo("; the machine spent 2.50 ms of CPU per finished unit (1.50 of 2 cores busy"
                                               + " over load and drain): 100,000 a minute needs 4.2 cores");
    }

    @Test
    void nothingIsClaimedWithoutAMeasurement() {
        assertThat(new UnitCost(-1, 80, 48_000, 100_000, 2).boundText()).isEmpty();
        assertThat(new UnitCost(1.5, 80, 0, 100_000, 2).coresForTarget()).isEqualTo(-1);
    }

    @Test
    void theMachineIsReadFromProc() {
        MachineCpu start = MachineCpu.now();
        long spin = System.nanoTime() + 50_000_000;
        while (System.nanoTime() < spin) {
            Thread.onSpinWait();
        }
        double busy = MachineCpu.now().busyCoresSince(start, Runtime.getRuntime().availableProcessors());

        assertThat(busy).as("a core spun for 50 ms").isGreaterThan(0.0).isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(MachineCpu.UNKNOWN.busyCoresSince(start, 2)).isEqualTo(-1);
    }
}
