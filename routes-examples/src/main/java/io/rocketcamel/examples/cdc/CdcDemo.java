package io.rocketcamel.examples.cdc;

import io.rocketcamel.examples.cdc.AppliedChanges.Applied;
import io.rocketcamel.examples.cdc.AppliedChanges.Recording;
import io.rocketcamel.examples.cdc.CdcWorkload.Phase;
import io.rocketcamel.examples.cdc.CdcWorkload.PhaseRun;
import io.rocketcamel.examples.cdc.ProductTable.Committed;
import io.rocketcamel.examples.cdc.RedisRowCache.CachedRow;
import io.rocketcamel.examples.demo.Await;
import io.rocketcamel.examples.demo.DemoConsole;
import io.rocketcamel.examples.demo.DemoScenario;
import io.rocketcamel.examples.demo.ScenarioResult;
import io.rocketcamel.examples.demo.ScenarioResult.Check;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Writes rows in concurrent transactions, stops the pipeline in the middle of the writes and starts it again, then
 * checks that Redis and OpenSearch equal the table (every row, every column, deleted rows gone, every hash with its
 * expiry) and that each sink applied every committed change of a row in commit order. Prints the latency from the
 * commit to each sink, measured in the first phase (the pipeline running, nothing in its way).
 */
@Component
@Order(5)
public class CdcDemo implements DemoScenario {

    private final ProductTable table;
    private final CdcPipeline pipeline;
    private final AppliedChanges applied;
    private final RedisRowCache cache;
    private final SearchIndex index;

    public CdcDemo(ProductTable table, CdcPipeline pipeline, AppliedChanges applied, RedisRowCache cache, SearchIndex index) {
        this.table = table;
        this.pipeline = pipeline;
        this.applied = applied;
        this.cache = cache;
        this.index = index;
    }

    @Override
    public String name() {
        return "cdc-sync";
    }

    @Override
    public ScenarioResult run(DemoConsole console) throws Exception {
        long firstId = System.currentTimeMillis() % 1_000_000_000L * 1000;
        return run(console, new CdcWorkload(firstId, 50, 4, List.of(
                Phase.paced("pipeline running, 200 changes a second", 300, 200),
                new Phase("pipeline stopping", 100, pipeline::stop),
                new Phase("pipeline starting again", 100, pipeline::start)))).result();
    }

    /** The scenario's verdict and what it saw. */
    public record Outcome(ScenarioResult result, List<PhaseRun> phases, List<Applied> applied) {
    }

    public Outcome run(DemoConsole console, CdcWorkload workload) throws InterruptedException, ExecutionException {
        long probe = workload.firstId() - 1;
        long flowingAfter = awaitFlowing(probe);
        if (flowingAfter < 0) {
            return new Outcome(new ScenarioResult(false, List.of("FAIL a first change did not reach Redis and OpenSearch within 60 s")),
                    List.of(), List.of());
        }
        console.stage("a first change reached Redis and OpenSearch %d ms after its commit", flowingAfter);
        List<PhaseRun> phases = new ArrayList<>();
        List<Applied> applications;
        try (Recording recording = applied.start()) {
            for (Phase phase : workload.phases()) {
                PhaseRun run = workload.run(phase, phases.size() + 1, table);
                phases.add(run);
                console.stage("%s: committed %d changes (%d inserts, %d updates, %d deletes) in %d transactions of %d writers on %d rows in %d ms%s",
                        phase.description(), run.committed().size(), run.count(ChangeEvent.INSERT), run.count(ChangeEvent.UPDATE),
                        run.count(ChangeEvent.DELETE), run.transactions(), workload.writers(), workload.rows(), run.millis(),
                        run.actionMillis() > 1 ? " (the action alongside took " + run.actionMillis() + " ms)" : "");
            }
            Map<String, List<String>> expected = expectedOrder(phases);
            Await.until(Duration.ofSeconds(120), () -> appliedAll(recording.applied(), expected));
            applications = recording.applied();
        }
        console.stage("from commit to db-changes %s, to Redis %s, to OpenSearch %s (the %d changes of the first phase)",
                latency(applications, AppliedChanges.CACHE, phases.get(0), Applied::publishedMillis),
                latency(applications, AppliedChanges.CACHE, phases.get(0), Applied::latencyMillis),
                latency(applications, AppliedChanges.SEARCH, phases.get(0), Applied::latencyMillis),
                phases.get(0).committed().size());
        return new Outcome(ScenarioResult.of(checks(workload, phases, applications)), phases, applications);
    }

    private List<Check> checks(CdcWorkload workload, List<PhaseRun> phases, List<Applied> applications) {
        Copies copies = copies(workload.ids());
        Map<String, Map<String, String>> rows = copies.rows();
        Map<String, CachedRow> cached = copies.cached();
        Map<String, Map<String, String>> cachedFields = copies.cachedFields();
        Map<String, Map<String, String>> documents = copies.documents();
        int deleted = workload.rows() - rows.size();
        long minTtl = cached.values().stream().mapToLong(CachedRow::ttlSeconds).min().orElse(0);
        long maxTtl = cached.values().stream().mapToLong(CachedRow::ttlSeconds).max().orElse(0);
        Map<String, List<String>> expected = expectedOrder(phases);
        return List.of(
                new Check(cachedFields.equals(rows), String.format("Redis equals the table: %d of %d rows, every field; %d deleted rows absent%s",
                        cachedFields.size(), rows.size(), deleted, difference(rows, cachedFields))),
                new Check(minTtl > 0 && maxTtl <= RedisRowCache.TTL.toSeconds(),
                        String.format("every cached row expires within %d s: TTL %d-%d s", RedisRowCache.TTL.toSeconds(), minTtl, maxTtl)),
                new Check(documents.equals(rows), String.format("OpenSearch equals the table: %d of %d documents, every field; %d deleted rows absent%s",
                        documents.size(), rows.size(), deleted, difference(rows, documents))),
                order(applications, AppliedChanges.CACHE, expected, "Redis"),
                order(applications, AppliedChanges.SEARCH, expected, "OpenSearch"));
    }

    /** Rows of the table and their copies in Redis and OpenSearch, by primary key, every non-NULL column as text. */
    public record Copies(Map<String, Map<String, String>> rows, Map<String, CachedRow> cached,
            Map<String, Map<String, String>> documents) {

        public Map<String, Map<String, String>> cachedFields() {
            Map<String, Map<String, String>> fields = new TreeMap<>();
            cached.forEach((pk, row) -> fields.put(pk, row.fields()));
            return fields;
        }

        public boolean equal() {
            return cachedFields().equals(rows) && documents.equals(rows);
        }
    }

    /** The rows with these ids that exist in the table, in the cache, in the index. */
    public Copies copies(Collection<Long> ids) {
        List<String> pks = ids.stream().map(String::valueOf).toList();
        Map<String, Map<String, String>> documents = new TreeMap<>();
        index.documents(ProductTable.TABLE, pks).forEach((id, document) -> documents.put(id, asText(document)));
        return new Copies(table.rows(ids), cache.rows(table.database(), ProductTable.TABLE, pks), documents);
    }

    /**
     * Commits a change to a row outside the workload's and waits until both sinks applied it: the whole pipeline is
     * up, and Debezium is past its initial snapshot (which would deliver a row's state, not the changes that made it).
     *
     * @return milliseconds from the commit to the later of the two sinks, or -1 when it did not arrive within 60 s
     */
    private long awaitFlowing(long probe) {
        try (Recording recording = applied.start()) {
            Committed change = table.change(List.of(probe), new Random()).get(0);
            String pk = Long.toString(probe);
            String label = change.label();
            Supplier<List<Applied>> arrivals = () -> recording.applied().stream()
                    .filter(a -> a.change().pk().equals(pk) && label.equals(a.change().label())).toList();
            boolean arrived = Await.until(Duration.ofSeconds(60),
                    () -> arrivals.get().stream().map(Applied::sink).distinct().count() == 2);
            return arrived ? arrivals.get().stream().mapToLong(Applied::latencyMillis).max().orElse(0) : -1;
        }
    }

    /** Per row, its committed changes in commit order, as {@code TYPE@version}. */
    private static Map<String, List<String>> expectedOrder(List<PhaseRun> phases) {
        return phases.stream().flatMap(run -> run.committed().stream())
                .sorted(Comparator.comparing(Committed::orderKey))
                .collect(Collectors.groupingBy(c -> Long.toString(c.id()), TreeMap::new,
                        Collectors.mapping(Committed::label, Collectors.toList())));
    }

    private static boolean appliedAll(List<Applied> applications, Map<String, List<String>> expected) {
        return firstApplications(applications, AppliedChanges.CACHE, expected.keySet()).equals(expected)
                && firstApplications(applications, AppliedChanges.SEARCH, expected.keySet()).equals(expected);
    }

    /**
     * Per row, the changes one sink applied, in the order it applied them the first time. A change applied again
     * (at-least-once: a restart repeats what was not yet acknowledged) counts where it first came.
     */
    private static Map<String, List<String>> firstApplications(List<Applied> applications, String sink, Set<String> pks) {
        Map<String, Set<String>> first = new TreeMap<>();
        for (Applied a : applications) {
            if (a.sink().equals(sink) && pks.contains(a.change().pk())) {
                first.computeIfAbsent(a.change().pk(), pk -> new LinkedHashSet<>()).add(a.change().label());
            }
        }
        Map<String, List<String>> lists = new TreeMap<>();
        first.forEach((pk, labels) -> lists.put(pk, List.copyOf(labels)));
        return lists;
    }

    private static Check order(List<Applied> applications, String sink, Map<String, List<String>> expected, String name) {
        Map<String, List<String>> first = firstApplications(applications, sink, expected.keySet());
        long changes = expected.values().stream().mapToLong(List::size).sum();
        long appliedOnce = first.values().stream().mapToLong(List::size).sum();
        List<Applied> mine = applications.stream()
                .filter(a -> a.sink().equals(sink) && expected.containsKey(a.change().pk())).toList();
        long retried = mine.stream().filter(a -> a.redeliveries() > 0).count();
        List<String> wrong = expected.keySet().stream().filter(pk -> !expected.get(pk).equals(first.get(pk))).toList();
        return new Check(wrong.isEmpty(), String.format("%s applied %d of %d committed changes, every row's in commit order"
                        + " (%d applied more than once, %d after a failed attempt)%s",
                name, appliedOnce, changes, mine.size() - appliedOnce, retried,
                wrong.isEmpty() ? "" : "; not for " + wrong.size() + " rows, e.g. row " + wrong.get(0) + ": committed "
                        + expected.get(wrong.get(0)) + ", applied " + first.get(wrong.get(0))));
    }

    /** p50 and p99 over the first application of each of the phase's changes by a sink. */
    private static String latency(List<Applied> applications, String sink, PhaseRun phase, ToLongFunction<Applied> millis) {
        Set<String> changes = phase.committed().stream().map(c -> c.id() + "/" + c.label())
                .collect(Collectors.toSet());
        Map<String, Long> first = new TreeMap<>();
        for (Applied a : applications) {
            String key = a.change().pk() + "/" + a.change().label();
            if (a.sink().equals(sink) && changes.contains(key)) {
                first.putIfAbsent(key, millis.applyAsLong(a));
            }
        }
        List<Long> sorted = first.values().stream().sorted().toList();
        if (sorted.isEmpty()) {
            return "not measured (nothing applied)";
        }
        return String.format("p50 %d ms, p99 %d ms", percentile(sorted, 50), percentile(sorted, 99));
    }

    private static long percentile(List<Long> sorted, int percent) {
        return sorted.get(Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    /** JSON numbers come back as Integer or Long, NULL as null or not at all: compare rows as text. */
    private static Map<String, String> asText(Map<String, Object> document) {
        Map<String, String> text = new TreeMap<>();
        document.forEach((field, value) -> {
            if (value != null) {
                text.put(field, String.valueOf(value));
            }
        });
        return text;
    }

    private static String difference(Map<String, Map<String, String>> rows, Map<String, Map<String, String>> copy) {
        for (Map.Entry<String, Map<String, String>> row : rows.entrySet()) {
            if (!row.getValue().equals(copy.get(row.getKey()))) {
                return "; row " + row.getKey() + " is " + row.getValue() + ", the copy " + copy.get(row.getKey());
            }
        }
        return copy.keySet().stream().filter(pk -> !rows.containsKey(pk)).findFirst()
                .map(pk -> "; deleted row " + pk + " is still there").orElse("");
    }
}
