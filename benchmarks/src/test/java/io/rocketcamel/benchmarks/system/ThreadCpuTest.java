package io.rocketcamel.benchmarks.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

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

        assertThat(ThreadCpu.now().since(before)).containsKey(ThreadCpu.ENDED).doesNotContainKey("ended");
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
