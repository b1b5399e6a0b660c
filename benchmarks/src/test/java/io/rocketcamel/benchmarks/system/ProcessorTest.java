package io.rocketcamel.benchmarks.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessorTest {

    @Test
    void theFirstProcessorsModelAndClockDescribeTheMachine() {
        List<String> cpuinfo = List.of("processor\t: 0", "vendor_id\t: AuthenticAMD", "model name\t: AMD EPYC",
                "cpu MHz\t\t: 2096.024", "processor\t: 1", "model name\t: AMD EPYC", "cpu MHz\t\t: 2096.024");

        assertThat(Processor.describe(cpuinfo)).isEqualTo(String.format("AMD EPYC, %,.0f MHz", 2096.0));
    }

    @Test
    void aMachineWithoutAModelNameHasNoDescription() {
        assertThat(Processor.describe(List.of("processor\t: 0", "cpu MHz\t\t: 2096.024"))).isNull();
        assertThat(Processor.describe(List.of("model name\t: AMD EPYC"))).isEqualTo("AMD EPYC");
    }
}
