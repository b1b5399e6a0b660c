package io.rocketcamel.benchmarks.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    @Test
    void threadsAreGroupedByTheirNameWithoutNumbers() {
        assertThat(ThreadCpu.group("NettyClientWorkerThread_3")).isEqualTo("NettyClientWorkerThread");
        assertThat(ThreadCpu.group("caller-12")).isEqualTo("caller");
        assertThat(ThreadCpu.group("RocketMQSendLanes")).isEqualTo("RocketMQSendLanes");
        assertThat(ThreadCpu.group("C2 CompilerThre")).isEqualTo("C2 CompilerThre");
        assertThat(ThreadCpu.group("pool-3-thread-2")).isEqualTo("pool-#-thread");
    }

    @Test
    void theTimeOfThreadsThatEndedBetweenTwoSnapshotsIsKept() throws Exception {
        ThreadCpu before = ThreadCpu.now();
        Thread ended = new Thread(ThreadCpuTest::spin, "ended-1");
        ended.start();
        ended.join();

        // join() returns when the Java thread is done; the kernel lists its task a little longer while it exits
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Map<String, Long> used = ThreadCpu.now().since(before);
        while (used.containsKey("ended") && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            used = ThreadCpu.now().since(before);
        }
        assertThat(used).containsKey(ThreadCpu.ENDED).doesNotContainKey("ended");
    }

    @Test
    void threadsThatOutnumberTheCoresAreCountedWaitingForOne() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        CountDownLatch measured = new CountDownLatch(1);
        CountDownLatch spun = new CountDownLatch(cores * 2);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < cores * 2; i++) {
            Thread thread = new Thread(() -> {
                spin();
                spun.countDown();
                awaitQuietly(measured);
            }, "spinner-" + i);
            threads.add(thread);
        }
        ThreadCpu before = ThreadCpu.now();
        threads.forEach(Thread::start);
        assertThat(spun.await(60, TimeUnit.SECONDS)).isTrue();
        ThreadCpu after = ThreadCpu.now();
        measured.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        // twice as many spinners as cores, 300 ms of CPU each: each waits about 300 ms, together about cores x 600 ms
        assertThat(after.waitingNanosSince(before)).isGreaterThan(cores * 100_000_000L);
    }

    @Test
    void othersAreTheBusyTicksThisJvmDidNotUse() {
        CpuTicks start = new CpuTicks(1_000, 400, 100, 40);
        CpuTicks end = new CpuTicks(2_000, 1_200, 600, 240);

        assertThat(end.othersShareSince(start)).isCloseTo(0.3, within(1e-9));
        assertThat(end.ownCoresSince(start, 2)).isCloseTo(1.0, within(1e-9));
        assertThat(new CpuTicks(2_000, 700, 600, 240).othersShareSince(start)).as("never below zero").isZero();
        assertThat(end.othersShareSince(new CpuTicks(-1, 0, 0, 0))).as("unknown").isEqualTo(-1);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** 300 ms of this thread's own CPU time, however busy the machine: 30 clock ticks. */
    private static void spin() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        while (threads.getCurrentThreadCpuTime() < 300_000_000L) {
            sum += System.nanoTime() % 7;
        }
        if (sum == 42) {
            System.out.print("");
        }
    }
}
