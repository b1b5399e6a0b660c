package io.rocketcamel.examples.cdc;

import io.rocketcamel.examples.cdc.ProductTable.Committed;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;

/**
 * The demo's application at work: rows {@code firstId} to {@code firstId + rows - 1} changed by concurrent writers,
 * each transaction changing one to three random rows, in phases; each phase does something to the pipeline alongside
 * its writes (stop it, start it, make a sink fail).
 */
public record CdcWorkload(long firstId, int rows, int writers, List<Phase> phases) {

    /**
     * {@code changes} committed row changes, at most {@code perSecond} a second (0: as fast as the writers go), while
     * {@code alongside} runs.
     */
    public record Phase(String description, int changes, int perSecond, Runnable alongside) {

        public Phase(String description, int changes, Runnable alongside) {
            this(description, changes, 0, alongside);
        }

        /** A steady rate the pipeline keeps up with: the latency then is the pipeline's, not a backlog's. */
        public static Phase paced(String description, int changes, int perSecond) {
            return new Phase(description, changes, perSecond, () -> { });
        }
    }

    /** What a phase committed, and how long it and its action took. */
    public record PhaseRun(Phase phase, List<Committed> committed, int transactions, long millis, long actionMillis) {

        long count(String eventType) {
            return committed.stream().filter(c -> c.eventType().equals(eventType)).count();
        }
    }

    public List<Long> ids() {
        return LongStream.range(firstId, firstId + rows).boxed().toList();
    }

    public int changes() {
        return phases.stream().mapToInt(Phase::changes).sum();
    }

    PhaseRun run(Phase phase, int number, ProductTable table) throws InterruptedException, ExecutionException {
        List<Committed> committed = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger transactions = new AtomicInteger();
        AtomicInteger claimed = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(writers + 1);
        try {
            long begin = System.nanoTime();
            Future<Long> action = threads.submit(() -> {
                long start = System.nanoTime();
                phase.alongside().run();
                return (System.nanoTime() - start) / 1_000_000;
            });
            List<Future<?>> writing = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                Random random = new Random(firstId * 31 + number * 1009L + w);
                writing.add(threads.submit(() -> {
                    int wanted = 1 + random.nextInt(3);
                    int first;
                    while ((first = claimed.getAndAdd(wanted)) < phase.changes()) {
                        int size = Math.min(wanted, phase.changes() - first);
                        awaitTurn(begin, first, phase.perSecond());
                        List<Long> ids = new ArrayList<>();
                        for (int i = 0; i < size; i++) {
                            ids.add(firstId + random.nextInt(rows));
                        }
                        committed.addAll(table.change(ids, random));
                        transactions.incrementAndGet();
                        wanted = 1 + random.nextInt(3);
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writing) {
                writer.get();
            }
            long actionMillis = action.get();
            return new PhaseRun(phase, List.copyOf(committed), transactions.get(), (System.nanoTime() - begin) / 1_000_000, actionMillis);
        } finally {
            threads.shutdownNow();
        }
    }

    /** Paced phases: the n-th change of the phase is due n / perSecond seconds after its start. */
    private static void awaitTurn(long begin, int change, int perSecond) {
        if (perSecond > 0) {
            long due = begin + change * 1_000_000_000L / perSecond;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
        }
    }
}
