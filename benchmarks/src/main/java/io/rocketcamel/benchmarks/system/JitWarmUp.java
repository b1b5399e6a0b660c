package io.rocketcamel.benchmarks.system;

import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Repeats a warm-up pass until the JIT compilers have settled: until they spent less than {@code settledShare} of a
 * pass's wall time compiling (summed over the compiler threads, as the JVM counts it), or the time is up. In the full
 * runs the first pass spent 45-59% of its time compiling and the second 4%.
 */
public final class JitWarmUp {

    /** A warm-up pass: every kind of send of the run, once. */
    public interface Pass {
        void run() throws Exception;
    }

    private final LongSupplier compileMillis;
    private final LongSupplier nanoClock;
    private final double settledShare;
    private final Duration max;
    private final PrintStream progress;

    JitWarmUp(LongSupplier compileMillis, LongSupplier nanoClock, double settledShare, Duration max, PrintStream progress) {
        this.compileMillis = compileMillis;
        this.nanoClock = nanoClock;
        this.settledShare = settledShare;
        this.max = max;
        this.progress = progress;
    }

    /** For this JVM; without a compilation bean (no JIT), one pass. */
    public static JitWarmUp ofThisJvm(double settledShare, Duration max, PrintStream progress) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return new JitWarmUp(() -> 0, System::nanoTime, settledShare, max, progress);
        }
        return new JitWarmUp(jit::getTotalCompilationTime, System::nanoTime, settledShare, max, progress);
    }

    /** @return the passes run */
    public int run(Pass pass) throws Exception {
        long start = nanoClock.getAsLong();
        for (int passes = 1; ; passes++) {
            long compiledBefore = compileMillis.getAsLong();
            long passStart = nanoClock.getAsLong();
            pass.run();
            long now = nanoClock.getAsLong();
            double share = (compileMillis.getAsLong() - compiledBefore) / Math.max(1e-3, (now - passStart) / 1e6);
            progress.printf("  pass %d: the JIT compiled %.0f%% of its %.1f s%n", passes, share * 100, (now - passStart) / 1e9);
            if (share < settledShare || now - start >= max.toNanos()) {
                return passes;
            }
        }
    }
}
