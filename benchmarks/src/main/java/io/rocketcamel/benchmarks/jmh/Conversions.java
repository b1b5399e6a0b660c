package io.rocketcamel.benchmarks.jmh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Objects;

import io.rocketcamel.benchmarks.report.RunResult.ConversionCost;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link ConversionBenchmark} with JMH's gc profiler: microseconds and bytes allocated per conversion. A full run
 * takes {@value #FORKS} forks: the same code allocates 384 to 472 bytes per exchange -> message from one fork to the
 * next (the JIT's escape analysis removes an iterator in one and not in another), so one fork can show a change that is
 * not there.
 */
public final class Conversions {

    static final int FORKS = 3;
    private static final String ALLOCATED = "gc.alloc.rate.norm";

    /** Benchmark method, component, conversion: the report's rows, in order. */
    private static final List<List<String>> ROWS = List.of(
            List.of("oursExchangeToMessage", "rocketcamel (ours)", "exchange -> message"),
            List.of("apacheExchangeToMessage", "camel-rocketmq", "exchange -> message (drops user headers)"),
            List.of("oursMessageToExchangeBody", "rocketcamel (ours)", "message -> exchange, route reads the body"),
            List.of("oursMessageToExchangeHeaders", "rocketcamel (ours)", "message -> exchange, route reads a header"),
            List.of("apacheMessageToExchange", "camel-rocketmq", "message -> exchange (17 headers set eagerly)"),
            List.of("camelRouteFloor", "Camel 4.17.0, no component", "an exchange sent through from(direct).process(nothing), as the benchmark's Camel peers send"));

    private Conversions() {
    }

    /** @param smoke in this JVM, one short iteration each: proves the benchmarks run, measures nothing */
    public static List<ConversionCost> measure(boolean smoke) throws RunnerException {
        OptionsBuilder options = new OptionsBuilder();
        options.include(ConversionBenchmark.class.getName()).addProfiler(GCProfiler.class).verbosity(VerboseMode.SILENT)
                .forks(smoke ? 0 : FORKS).jvmArgs("-Xmx512m")
                .warmupIterations(smoke ? 1 : 3).warmupTime(TimeValue.milliseconds(smoke ? 100 : 1000))
                .measurementIterations(smoke ? 1 : 5).measurementTime(TimeValue.milliseconds(smoke ? 100 : 1000));
        Collection<RunResult> results = new Runner(options.build()).run();
        List<ConversionCost> costs = new ArrayList<>();
        for (List<String> row : ROWS) {
            String method = row.get(0);
            RunResult run = results.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + method)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("JMH gave no result for " + method));
            Result<?> primary = run.getPrimaryResult();
            DoubleSummaryStatistics allocated = run.getBenchmarkResults().stream()
                    .map(fork -> fork.getSecondaryResults().get(ALLOCATED)).filter(Objects::nonNull)
                    .mapToDouble(Result::getScore).summaryStatistics();
            if (allocated.getCount() == 0) {
                throw new IllegalStateException("JMH's gc profiler gave no " + ALLOCATED + " for " + method);
            }
            costs.add(new ConversionCost(row.get(1), row.get(2), primary.getScore(),
                    Double.isNaN(primary.getScoreError()) ? 0 : primary.getScoreError(), allocated.getAverage(),
                    allocated.getMin(), allocated.getMax(), (int) allocated.getCount()));
        }
        return costs;
    }
}
