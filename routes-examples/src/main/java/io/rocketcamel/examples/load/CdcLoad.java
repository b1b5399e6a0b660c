package io.rocketcamel.examples.load;

import io.rocketcamel.examples.cdc.CdcSinkRoutes;
import io.rocketcamel.examples.cdc.ChangeEvent;
import io.rocketcamel.examples.cdc.ProductTable;
import io.rocketcamel.examples.cdc.ProductTable.Committed;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The article's second scenario on the demo's CDC pipeline (PostgreSQL's log through Debezium -> {@code db-changes} ->
 * ORDERLY Redis cache and OpenSearch index consumers): each unit changes one of {@code rocketcamel.load.cdc.rows}
 * (10,000) product rows in its own transaction (an update, one time in five a delete, an insert where the row is
 * gone); it finishes when both the cache route and the search route have applied it.
 * <p>
 * A unit is named after the change it committed, {@code id/TYPE@version} (the version the change made; a DELETE's,
 * the one it removed), as {@link io.rocketcamel.examples.cdc.CdcDemo} checks the sinks: a sink's completion counts
 * for the unit whose change it applied, and for no other. A change applied again (at-least-once) finishes nothing
 * more; a unit whose change never arrives stays in flight, lost, whatever else of its row arrives. Its latency runs
 * from before the commit. Preparing waits, likewise, for the prepared rows' own changes, each row's once.
 */
@Component
public class CdcLoad implements LoadScenario {

    private static final long FIRST_ID = 900_000_000L;
    private static final Set<String> SINKS = Set.of(CdcSinkRoutes.CACHE_ROUTE, CdcSinkRoutes.SEARCH_ROUTE);

    private final ProductTable products;
    private final int rows;
    /**
     * Changes some sink applied whose unit has not finished, or whose unit has yet to be registered (a sink can apply
     * a change before its commit returned), by name.
     */
    private final Map<String, Change> changes = new ConcurrentHashMap<>();

    /** One committed change: the sinks that applied it, and what to do once both did (null: no unit registered yet). */
    private static final class Change {
        final Set<String> sinks = new HashSet<>();
        Runnable whenApplied;
    }

    public CdcLoad(ProductTable products, @Value("${rocketcamel.load.cdc.rows:10000}") int rows) {
        this.products = products;
        this.rows = rows;
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

    /**
     * Inserts the rows the load updates (a row left by an earlier run is updated or deleted instead), and waits until
     * both sinks applied each of these changes. Changes of other rows, or earlier ones of these, do not count.
     */
    @Override
    public void prepare(Tracker tracker) throws InterruptedException {
        CountDownLatch remaining = new CountDownLatch(rows);
        List<String> prepared = new ArrayList<>(rows);
        for (int row = 0; row < rows; row++) {
            for (Committed committed : products.change(List.of(FIRST_ID + row), ThreadLocalRandom.current())) {
                prepared.add(name(committed));
                whenApplied(name(committed), remaining::countDown);
            }
        }
        if (!remaining.await(3, TimeUnit.MINUTES)) {
            AtomicLong byOne = new AtomicLong();
            prepared.forEach(name -> changes.computeIfPresent(name, (k, c) -> {
                if (!c.sinks.isEmpty()) {
                    byOne.incrementAndGet();
                }
                return c;
            }));
            throw new IllegalStateException(String.format("Both sinks applied the changes of %d of the %d prepared rows in"
                    + " 3 minutes (%d more applied by one sink only)", rows - remaining.getCount(), rows, byOne));
        }
    }

    @Override
    public void start(long n, Tracker tracker) {
        long id = FIRST_ID + n % rows;
        long begin = System.nanoTime();
        // a failure is the caller's error: nothing registered, the load run counts it
        for (Committed committed : products.change(List.of(id), ThreadLocalRandom.current())) {
            String unit = name(committed);
            tracker.started(unit, begin);
            whenApplied(unit, () -> tracker.finished(unit));
        }
    }

    /** A unit's name: its row, what the change did and the version it made (a DELETE: the version it removed). */
    static String name(Committed committed) {
        return committed.id() + "/" + committed.label();
    }

    /** The name of the change a sink applied, or null for one without a row or version (a TRUNCATE's copy). */
    static String name(ChangeEvent change) {
        String label = change.label();
        return change.pk() == null || label == null ? null : change.pk() + "/" + label;
    }

    /** Runs {@code action} once both sinks applied change {@code name}: now, if they already did. */
    private void whenApplied(String name, Runnable action) {
        Runnable[] now = {null};
        changes.compute(name, (k, change) -> {
            Change c = change == null ? new Change() : change;
            if (c.sinks.size() == SINKS.size()) {
                now[0] = action;
                return null;
            }
            c.whenApplied = action;
            return c;
        });
        if (now[0] != null) {
            now[0].run();
        }
    }

    @Override
    public void completed(String routeId, Exchange exchange, Tracker tracker) {
        if (!SINKS.contains(routeId)) {
            return;
        }
        // the search route keeps the change in a property while its body becomes the document
        Object event = exchange.getProperty("change") != null ? exchange.getProperty("change") : exchange.getMessage().getBody();
        String name = event instanceof ChangeEvent change ? name(change) : null;
        if (name == null) {
            return;
        }
        Runnable[] now = {null};
        changes.compute(name, (k, change) -> {
            Change c = change == null ? new Change() : change;
            c.sinks.add(routeId);
            if (c.whenApplied != null && c.sinks.size() == SINKS.size()) {
                now[0] = c.whenApplied;
                return null;
            }
            return c;
        });
        if (now[0] != null) {
            now[0].run();
        }
    }
}
