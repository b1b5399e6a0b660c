package io.rocketcamel.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rocketcamel.benchmarks.Workload;
import io.rocketcamel.benchmarks.system.DiskUse;
import io.rocketcamel.benchmarks.system.DiskWrite;
import io.rocketcamel.benchmarks.system.Memory;
import io.rocketcamel.benchmarks.system.Profiler;

/**
 * Everything one run measured, written as {@code benchmarks.json}; the Markdown and the chart are drawn from it, and
 * the next run's report compares itself with it.
 *
 * @param loadBefore     the machine's load averages over 1, 5 and 15 minutes when the run started
 * @param loadAfter      the same when it ended: a load above the 2 cores means neighbours competed for them
 * @param othersCpuShare share of the machine's CPU other processes used while the workloads ran (-1: unknown)
 * @param profiles       per workload id, where the JVM's Java threads were while it ran (Java Flight Recorder)
 * @param scenarios      the examples app's load runs, as the app wrote them (see routes-examples' load mode)
 */
public record RunResult(String started, double minutes, Machine machine, List<Double> loadBefore, List<Double> loadAfter,
                        double othersCpuShare,
                        boolean smoke, int rounds, double roundSeconds, List<WorkloadResult> workloads,
                        Map<String, Profiler.Profile> profiles, List<Check> checks,
                        List<ConversionCost> conversions, MemoryReport memory, List<JsonNode> scenarios, DiskWrite disk,
                        List<DiskUse> diskUse) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A machine busy with other work makes absolute figures worthless: the report says so. */
    public boolean busy() {
        return othersCpuShare > 0.10;
    }

    public WorkloadResult workload(String id) {
        return workloads.stream().filter(w -> w.id().equals(id)).findFirst().orElse(null);
    }

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    public static RunResult read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), RunResult.class);
    }

    /** {@code processor}: the model and clock the kernel reports ({@code null} in runs recorded before it was). */
    public record Machine(int cores, String processor, long memoryMiB, String java, long maxHeapMiB) {
    }

    public record WorkloadResult(String id, String title, Workload.Goal goal, List<PeerResult> peers) {

        /** The peer's result when it ran and measured something, else null. */
        public PeerResult peer(String id) {
            return peers.stream().filter(p -> p.peer().equals(id) && p.ran() && p.messages() > 0).findFirst().orElse(null);
        }
    }

    /**
     * One peer in one workload. {@code skipped} holds why it did not run; {@code problem} what went wrong when it ran
     * but not cleanly (failed sends, messages the broker never stored, a consumer that missed messages).
     *
     * @param rounds msg/s of each measured round, in the order they ran
     */
    public record PeerResult(String peer, String label, String skipped, long messages, double seconds, double msgPerSec,
                             double storeMiBPerSec, List<Double> rounds, Latency send, Latency endToEnd, String note,
                             String problem, CpuProfile cpu) {

        public boolean ran() {
            return skipped == null;
        }
    }

    /**
     * Where the CPU went while this peer's rounds ran: cores this JVM (broker included) and other processes kept busy
     * on average, the share of this JVM's CPU time spent in the kernel (system time: waking threads, sockets), and this
     * JVM's thread groups by CPU time, in cores. {@code waitingThreads}: how many of this JVM's threads were ready to
     * run but waited for a core, on average (0 in runs recorded before it was measured).
     */
    public record CpuProfile(double jvmCores, double otherCores, double kernelShare, double waitingThreads,
                             Map<String, Double> threads) {

        public static final CpuProfile NONE = new CpuProfile(-1, -1, -1, -1, Map.of());
    }

    /** One goal (the article's performance table, or ours against the raw client) checked against one workload's numbers; {@code gap} says by how much it was missed. */
    public record Check(String workload, String goal, String measured, Boolean met, String gap) {

        public boolean missed() {
            return Boolean.FALSE.equals(met);
        }
    }

    /**
     * JMH: one conversion of one component, per operation.
     *
     * @param bytesPerOp the mean over the forks; the lowest and highest fork beside it (0 in a run from before they were
     *                   recorded)
     * @param forks      1 in a run from before they were recorded: such runs took one fork
     */
    public record ConversionCost(String component, String conversion, double microsPerOp, double microsError, double bytesPerOp,
                                 double bytesLowestFork, double bytesHighestFork, int forks) {
        public ConversionCost {
            forks = Math.max(forks, 1);
        }
    }

    /**
     * @param brokerDefaults the embedded broker alone in a JVM of its own, with its defaults and with each of them set
     *                       back to RocketMQ's
     * @param benchmarkPeak  this JVM (broker, all peers' clients, Camel) at its peak while the workloads ran
     * @param examples       the examples app at rest and under each scenario's load
     */
    public record MemoryReport(List<BrokerFootprint> brokerDefaults, Memory benchmarkPeak, List<AppFootprint> examples) {
    }

    /**
     * @param idleCpuPercent CPU the broker used at rest, in percent of one core
     * @param storeDiskMiB   disk the store takes (allocated blocks) after the load
     */
    public record BrokerFootprint(String variant, String settings, double startSeconds, Memory atRest, double idleCpuPercent,
                                  Memory afterLoad, long storeDiskMiB, String problem) {
    }

    public record AppFootprint(String scenario, Memory atRest, Memory peak, Memory afterLoad, String problem) {
    }
}
