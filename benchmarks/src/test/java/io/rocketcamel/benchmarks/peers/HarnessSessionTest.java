package io.rocketcamel.benchmarks.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.rocketcamel.benchmarks.Workload;
import io.rocketcamel.benchmarks.Workload.Kind;
import io.rocketcamel.benchmarks.Workload.SendMode;
import org.junit.jupiter.api.Test;

/** The harness's callers against a sender that completes every unit at once: no broker, only the pacing. */
class HarnessSessionTest {

    private static final long HALF_A_SECOND = TimeUnit.MILLISECONDS.toNanos(500);

    @Test
    void aSendWorkloadWithARateSendsNoMoreThanTheRateAllowsSharedByItsCallers() throws Exception {
        HarnessSession paced = new HarnessSession(sendWorkload(2, 2_000), new InstantSender(), null, "t", null);

        long messages = paced.round(HALF_A_SECOND).messages();

        // 2,000 a second for half a second: 500 due per caller before the deadline, fewer when a cold JVM starts the
        // callers late (the round's deadline is set before they start); at half the rate it would be 500
        assertThat(messages).isBetween(600L, 1_000L);
        assertThat(paced.sendLatency().count()).isEqualTo(messages);
    }

    @Test
    void aSendWorkloadWithoutARateSendsAsFastAsItsCallersGo() throws Exception {
        HarnessSession unpaced = new HarnessSession(sendWorkload(2, 0), new InstantSender(), null, "t", null);

        assertThat(unpaced.round(HALF_A_SECOND).messages()).isGreaterThan(10_000L);
    }

    private static Workload sendWorkload(int callers, double rate) {
        return new Workload("paced", "paced", Kind.SEND, SendMode.ASYNC, 1, 0, callers, 16, null, false, rate, 0, false,
                null, List.of("ours"), null);
    }

    private static final class InstantSender implements Sender {

        @Override
        public void send(Object body, String orderKey, Consumer<Throwable> done) {
            done.accept(null);
        }

        @Override
        public void close() {
        }
    }
}
