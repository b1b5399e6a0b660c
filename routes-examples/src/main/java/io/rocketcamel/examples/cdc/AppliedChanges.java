package io.rocketcamel.examples.cdc;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/**
 * What the sinks applied, for whoever is watching: the demo and the tests measure commit-to-sink latency and check
 * the order of a row's changes from it. Nothing is kept while no one records.
 */
@Component
public class AppliedChanges {

    public static final String CACHE = "cache";
    public static final String SEARCH = "search";

    private final List<Recording> recordings = new CopyOnWriteArrayList<>();

    /**
     * One change a sink applied: when the broker stored its message and when the sink acknowledged it (epoch
     * milliseconds), and how often the message had been redelivered before.
     */
    public record Applied(String sink, ChangeEvent change, long storedAtMillis, long appliedAtMillis, int redeliveries) {

        /** From the commit in the database to the sink's acknowledgement. */
        public long latencyMillis() {
            return appliedAtMillis - change.timestamp();
        }

        /** From the commit in the database to the broker storing the change on db-changes. */
        public long publishedMillis() {
            return storedAtMillis - change.timestamp();
        }
    }

    public void record(String sink, ChangeEvent change, Long storedAtMillis, Integer redeliveries) {
        // what is watched is rows: a TRUNCATE's copies change none on their own, and show in the rows left
        if (recordings.isEmpty() || change.isTruncate()) {
            return;
        }
        Applied applied = new Applied(sink, change, storedAtMillis, System.currentTimeMillis(), redeliveries == null ? 0 : redeliveries);
        recordings.forEach(recording -> recording.applied.add(applied));
    }

    /** Records every application from now until the recording is closed. */
    public Recording start() {
        Recording recording = new Recording();
        recordings.add(recording);
        return recording;
    }

    public final class Recording implements AutoCloseable {

        private final Queue<Applied> applied = new ConcurrentLinkedQueue<>();

        /** In the order the sinks applied them (per sink and row, the order that matters). */
        public List<Applied> applied() {
            return new ArrayList<>(applied);
        }

        @Override
        public void close() {
            recordings.remove(this);
        }
    }
}
