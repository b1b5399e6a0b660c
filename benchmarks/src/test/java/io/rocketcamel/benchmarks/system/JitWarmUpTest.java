package io.rocketcamel.benchmarks.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The warm-up's stopping rule, on a clock and a compile-time counter the test moves. */
class JitWarmUpTest {

    private static final long PASS_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final AtomicLong clock = new AtomicLong();
    private final AtomicLong compiledMillis = new AtomicLong();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int passesRun;

    @Test
    void passesGoOnWhileTheCompilersAreBusyAndStopAtTheFirstQuietOne() throws Exception {
        long[] compiledPerPass = {4_000, 1_500, 400, 100};

        int passes = warmUp(Duration.ofMinutes(5)).run(() -> pass(compiledPerPass));

        // 40%, 15%, then 4% of a 10 s pass: below the 5% that counts as settled
        assertThat(passes).isEqualTo(3);
        assertThat(out.toString()).contains("pass 1: the JIT compiled 40% of its 10.0 s").contains("pass 3: the JIT compiled 4%");
    }

    @Test
    void aJitThatNeverSettlesStopsAtTheTimeLimit() throws Exception {
        long[] busyForever = {3_000};

        int passes = warmUp(Duration.ofSeconds(25)).run(() -> pass(busyForever));

        // at 10 s and 20 s the limit is not reached; the pass ending at 30 s is the last
        assertThat(passes).isEqualTo(3);
    }

    private JitWarmUp warmUp(Duration max) {
        return new JitWarmUp(compiledMillis::get, clock::get, 0.05, max, new PrintStream(out, true));
    }

    private void pass(long[] compiledPerPass) {
        compiledMillis.addAndGet(compiledPerPass[Math.min(passesRun++, compiledPerPass.length - 1)]);
        clock.addAndGet(PASS_NANOS);
    }
}
