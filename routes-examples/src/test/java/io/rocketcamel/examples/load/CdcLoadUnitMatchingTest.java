package io.rocketcamel.examples.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.rocketcamel.examples.cdc.CdcSinkRoutes;
import io.rocketcamel.examples.cdc.ChangeEvent;
import io.rocketcamel.examples.cdc.PostgresAddress;
import io.rocketcamel.examples.cdc.ProductTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The CDC load scenario's accounting without a database or a broker: a unit is named after the change it committed
 * and finishes only when that change reached both sinks, not when any change of its row did; preparing waits for the
 * prepared rows' own changes.
 */
class CdcLoadUnitMatchingTest {

    private static final long ROW = 900_000_000L;
    private static final List<String> SINKS = List.of(CdcSinkRoutes.CACHE_ROUTE, CdcSinkRoutes.SEARCH_ROUTE);

    /** Commits nothing: an absent row is "inserted", a present one "updated", each with the next version. */
    private static final class FakeTable extends ProductTable {
        final AtomicLong versions = new AtomicLong();
        final Set<Long> present = new HashSet<>();
        final CountDownLatch inserted = new CountDownLatch(1);
        /** Runs with each commit before change returns: a sink that applied the change at once. */
        volatile Consumer<Committed> onCommit = c -> { };

        FakeTable() {
            super(new PostgresAddress("127.0.0.1", 1, "shop", "u", "p"));
        }

        @Override
        public synchronized List<Committed> change(Collection<Long> ids, Random random) {
            List<Committed> committed = new ArrayList<>();
            for (long id : ids) {
                String type = present.add(id) ? ChangeEvent.INSERT : ChangeEvent.UPDATE;
                committed.add(new Committed(id, type, versions.incrementAndGet()));
            }
            committed.forEach(onCommit);
            inserted.countDown();
            return committed;
        }
    }

    private final CamelContext camel = new DefaultCamelContext();
    private final FakeTable table = new FakeTable();

    @AfterEach
    void close() throws Exception {
        camel.close();
        table.close();
    }

    private Exchange applied(long row, String type, long version) {
        Exchange exchange = new DefaultExchange(camel);
        Map<String, Object> before = ChangeEvent.INSERT.equals(type) ? null : Map.of("version", version - 1);
        exchange.getMessage().setBody(new ChangeEvent("shop", "products", type, Long.toString(row), before,
                Map.of("version", version), System.currentTimeMillis()));
        return exchange;
    }

    private void bothSinksApply(CdcLoad load, Tracker tracker, long row, String type, long version) {
        SINKS.forEach(sink -> load.completed(sink, applied(row, type, version), tracker));
    }

    private CompletableFuture<Void> preparing(CdcLoad load, Tracker tracker) {
        return CompletableFuture.runAsync(() -> {
            try {
                load.prepare(tracker);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aRedeliveredChangeDoesNotFinishTheRowsNextUnitWhoseChangeNeverArrived() throws Exception {
        CdcLoad load = new CdcLoad(table, 1);
        Tracker tracker = new Tracker();
        CompletableFuture<Void> prepared = preparing(load, tracker);
        assertThat(table.inserted.await(10, TimeUnit.SECONDS)).isTrue();
        bothSinksApply(load, tracker, ROW, ChangeEvent.INSERT, 1);
        prepared.get(10, TimeUnit.SECONDS);

        // two units on the one row: changes to version 2 and version 3
        load.start(0, tracker);
        load.start(1, tracker);
        // version 2 reaches both sinks twice (at-least-once: a redelivery after a rebalance or a restart) ...
        bothSinksApply(load, tracker, ROW, ChangeEvent.UPDATE, 2);
        bothSinksApply(load, tracker, ROW, ChangeEvent.UPDATE, 2);
        // ... and version 3 never arrives: unit 1 is lost

        assertThat(tracker.inFlight()).as("units whose change never reached the sinks (lost)").isEqualTo(1);
        assertThat(tracker.finished()).as("units finished").isEqualTo(1);

        bothSinksApply(load, tracker, ROW, ChangeEvent.UPDATE, 3);
        assertThat(tracker.inFlight()).as("in flight once version 3 arrived").isZero();
        assertThat(tracker.finished()).as("units finished once version 3 arrived").isEqualTo(2);
    }

    /**
     * Another row's change (another run's backlog on db-changes, a TRUNCATE's copies) does not end preparing; the
     * row's insert does, and a late copy of that insert does not finish the first load unit.
     */
    @Test
    void anotherRowsChangeDoesNotEndPreparingAndTheInsertDoesNotFinishTheFirstUnit() throws Exception {
        CdcLoad load = new CdcLoad(table, 1);
        Tracker tracker = new Tracker();
        CompletableFuture<Void> prepared = preparing(load, tracker);
        assertThat(table.inserted.await(10, TimeUnit.SECONDS)).isTrue();
        bothSinksApply(load, tracker, 12_345L, ChangeEvent.UPDATE, 7);
        assertThat(catchThrowable(() -> prepared.get(1, TimeUnit.SECONDS)))
                .as("preparing ended on another row's change").isInstanceOf(TimeoutException.class);

        bothSinksApply(load, tracker, ROW, ChangeEvent.INSERT, 1);
        prepared.get(10, TimeUnit.SECONDS);
        load.start(0, tracker);
        // the insert again (a redelivery); the unit's own change (version 2) never arrives
        bothSinksApply(load, tracker, ROW, ChangeEvent.INSERT, 1);

        assertThat(tracker.inFlight()).as("the unit whose change never reached the sinks (lost)").isEqualTo(1);
    }

    @Test
    void aChangeAppliedBeforeItsCommitReturnedStillFinishesItsUnit() throws Exception {
        CdcLoad load = new CdcLoad(table, 1);
        Tracker tracker = new Tracker();
        table.onCommit = c -> bothSinksApply(load, tracker, c.id(), c.eventType(), c.version());
        load.prepare(tracker);
        load.start(0, tracker);

        assertThat(tracker.inFlight()).as("in flight").isZero();
        assertThat(tracker.finished()).as("units finished").isEqualTo(1);
    }

    @Test
    void aSinkCompletionBeforePreparingIsIgnoredAndASecondRunPreparesAgain() throws Exception {
        CdcLoad load = new CdcLoad(table, 1);
        assertThatCode(() -> bothSinksApply(load, new Tracker(), ROW, ChangeEvent.UPDATE, 99))
                .as("a sink completion before prepare").doesNotThrowAnyException();

        Tracker first = new Tracker();
        table.onCommit = c -> bothSinksApply(load, first, c.id(), c.eventType(), c.version());
        load.prepare(first);
        load.start(0, first);
        assertThat(first.finished()).as("first run's units finished").isEqualTo(1);

        // a second run in the same JVM: its preparation updates the row, and ends once both sinks applied that
        Tracker second = new Tracker();
        CompletableFuture<ProductTable.Committed> update = new CompletableFuture<>();
        table.onCommit = update::complete;
        CompletableFuture<Void> prepared = preparing(load, second);
        ProductTable.Committed committed = update.get(10, TimeUnit.SECONDS);
        bothSinksApply(load, second, committed.id(), committed.eventType(), committed.version());
        prepared.get(10, TimeUnit.SECONDS);
    }
}
