package io.rocketcamel.examples.load;

import io.rocketcamel.examples.cdc.ChangeEvent;
import io.rocketcamel.examples.cdc.CdcSinkRoutes;
import io.rocketcamel.examples.cdc.ProductTable;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The article's second scenario on the demo's CDC pipeline (PostgreSQL's log through Debezium -> {@code db-changes} ->
 * ORDERLY Redis cache and OpenSearch index consumers): each unit changes one of {@code rocketcamel.load.cdc.rows}
 * (10,000) product rows in its own transaction (an update, one time in five a delete, an insert where the row is
 * gone); it finishes when both the cache route and the search route have applied it. A row's changes reach each sink
 * in commit order (one queue per row, consumed ORDERLY), so the n-th completion of a row on a route is the row's n-th
 * change; a row's changes are committed under a lock of the row so that commit order is the order they were
 * registered in.
 */
@Component
public class CdcLoad implements LoadScenario {

    private static final long FIRST_ID = 900_000_000L;
    private static final Set<String> SINKS = Set.of(CdcSinkRoutes.CACHE_ROUTE, CdcSinkRoutes.SEARCH_ROUTE);

    private final ProductTable products;
    private final int rows;
    private final Object[] rowLocks = new Object[1024];
    private final Map<String, ArrayDeque<String>> awaiting = new ConcurrentHashMap<>();
    /** Units one of the two sinks applied so far. */
    private final Map<String, Integer> applied = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> preparing = new ConcurrentHashMap<>();
    private volatile boolean loading;

    public CdcLoad(ProductTable products, @Value("${rocketcamel.load.cdc.rows:10000}") int rows) {
        this.products = products;
        this.rows = rows;
        for (int i = 0; i < rowLocks.length; i++) {
            rowLocks[i] = new Object();
        }
    }

    @Override
    public String name() {
        return "cdc";
    }

    @Override
    public double targetPerMinute() {
        return 500_000;
    }

    @Override
    public String latencyName() {
        return "change committed -> cache and index updated";
    }

    @Override
    public long latencyTargetMillis() {
        return 500;
    }

    @Override
    public List<String> consumerGroups() {
        return List.copyOf(SINKS);
    }

    /** Inserts the rows the load updates, and waits until both sinks applied every insert. */
    @Override
    public void prepare(Tracker tracker) throws InterruptedException {
        SINKS.forEach(sink -> preparing.put(sink, new AtomicLong()));
        for (int row = 0; row < rows; row++) {
            products.change(List.of(FIRST_ID + row), ThreadLocalRandom.current());
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (preparing.values().stream().anyMatch(applied -> applied.get() < rows)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The sinks applied " + preparing + " of the " + rows + " inserted rows in 3 minutes");
            }
            Thread.sleep(100);
        }
        loading = true;
    }

    @Override
    public void start(long n, Tracker tracker) {
        long id = FIRST_ID + n % rows;
        String unit = id + ":" + n;
        synchronized (rowLocks[(int) (id % rowLocks.length)]) {
            SINKS.forEach(sink -> awaitingOn(sink, id, queue -> queue.add(unit)));
            tracker.started(unit);
            try {
                products.change(List.of(id), ThreadLocalRandom.current());
            } catch (RuntimeException e) {
                SINKS.forEach(sink -> awaitingOn(sink, id, queue -> queue.remove(unit)));
                tracker.failedToStart(unit);
                throw e;
            }
        }
    }

    /** The units of row {@code id} that {@code sink} has yet to apply, oldest first, under their lock. */
    private <T> T awaitingOn(String sink, long id, Function<ArrayDeque<String>, T> action) {
        ArrayDeque<String> queue = awaiting.computeIfAbsent(sink + "/" + id, k -> new ArrayDeque<>());
        synchronized (queue) {
            return action.apply(queue);
        }
    }

    @Override
    public void completed(String routeId, Exchange exchange, Tracker tracker) {
        if (!SINKS.contains(routeId)) {
            return;
        }
        if (!loading) {
            preparing.get(routeId).incrementAndGet();
            return;
        }
        // the search route keeps the change in a property while its body becomes the document
        Object event = exchange.getProperty("change") != null ? exchange.getProperty("change") : exchange.getMessage().getBody();
        if (!(event instanceof ChangeEvent change) || change.pk() == null) {
            return;
        }
        String unit = awaitingOn(routeId, Long.parseLong(change.pk()), ArrayDeque::poll);
        if (unit != null && applied.merge(unit, 1, Integer::sum) == SINKS.size()) {
            applied.remove(unit);
            tracker.finished(unit);
        }
    }
}
