package io.rocketcamel.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class WorkloadTest {

    @Test
    void theWorkloadsAreReadFromJsonWithDefaultsForWhatTheyLeaveOut() {
        List<Workload> workloads = Workload.all();

        assertThat(workloads).extracting(Workload::id).doesNotHaveDuplicates().contains("sync-1", "normal", "ordered", "e2e", "drain");
        Workload sync = workloads.get(0);
        assertThat(sync.batch()).isEqualTo(1);
        assertThat(sync.inFlight()).isEqualTo(1);
        assertThat(sync.ordered()).isFalse();
        assertThat(sync.goal().msgPerSec()).isNull();
        Workload ordered = workloads.stream().filter(w -> w.id().equals("ordered")).findFirst().orElseThrow();
        assertThat(ordered.keysPerCaller()).isEqualTo(1024);
        assertThat(ordered.ours()).isEqualTo("batchSize=64");
        assertThat(ordered.goal().msgPerSec()).isEqualTo(30_000);
    }

    @Test
    void aPacedRowSaysItsRateAndAnEndToEndRowWithoutOneIsRefused() {
        Workload paced = Workload.all().stream().filter(w -> w.id().equals("normal-paced")).findFirst().orElseThrow();
        assertThat(paced.kind()).isEqualTo(Workload.Kind.SEND);
        assertThat(paced.rate()).isEqualTo(50_000);

        assertThatThrownBy(() -> new Workload("e2e-x", "t", Workload.Kind.E2E, null, 1, 0, 1, 1, null, false, 0, 0, false,
                null, List.of("ours"), null)).hasMessageContaining("e2e-x").hasMessageContaining("\"rate\" above 0");
    }

    @Test
    void optionMistakesNameTheOption() {
        assertThatThrownBy(() -> Options.parse("--only", "sync-1,nope")).hasMessageContaining("--only").hasMessageContaining("'nope'");
        assertThatThrownBy(() -> Options.parse("--round-seconds", "0")).hasMessageContaining("--round-seconds");
        assertThatThrownBy(() -> Options.parse("--out")).hasMessageContaining("--out needs a value");
        assertThat(Options.parse("--smoke").roundSeconds()).isEqualTo(0.1);
        assertThat(Options.parse("--only", "sync-1,jmh").runs("jmh")).isTrue();
        assertThatThrownBy(() -> Options.parse("--rounds", "1")).hasMessageContaining("--rounds").hasMessageContaining("'1'")
                .hasMessageContaining("at least 2");
        assertThatThrownBy(() -> Options.parse("--peers", "raw,nope")).hasMessageContaining("--peers").hasMessageContaining("'nope'")
                .hasMessageContaining("raw-in-route");
    }

    /** A long comparison of a few peers: more rounds for sends and drains alike, the other peers left out. */
    @Test
    void roundsAndPeersNarrowARun() {
        Options options = Options.parse("--rounds", "12", "--peers", "raw,ours");
        assertThat(options.rounds()).isEqualTo(12);
        assertThat(options.drainRounds()).isEqualTo(12);
        Workload sync = Workload.all().stream().filter(w -> w.id().equals("sync-1")).findFirst().orElseThrow();
        assertThat(options.narrow(sync).peers()).containsExactly("raw", "ours");
        assertThat(Options.parse().narrow(sync)).isEqualTo(sync);
        assertThat(Options.parse().rounds()).isEqualTo(4);
        assertThat(Options.parse().drainRounds()).isEqualTo(5);
    }
}
