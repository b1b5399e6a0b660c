package io.rocketcamel.reliability;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks every scenario applies to what it recorded and read back. Message ids are {@code NAME-SEQ}; an ordered
 * stream puts message SEQ under key {@code SEQ % keys}, in increasing SEQ per key.
 */
final class Tally {

    private Tally() {
    }

    /** The ids of {@code expected} that {@code present} lacks: acknowledged but not stored, stored but not processed. */
    static Set<String> missing(Collection<String> expected, Collection<String> present) {
        Set<String> have = new HashSet<>(present);
        Set<String> missing = new LinkedHashSet<>();
        for (String id : expected) {
            if (!have.contains(id)) {
                missing.add(id);
            }
        }
        return missing;
    }

    /** Copies beyond the first of each id. */
    static int duplicates(Collection<String> ids) {
        return ids.size() - new HashSet<>(ids).size();
    }

    /**
     * Per-key order of first processing: taking the records in the order they happened (their time, across processes),
     * each message processed for the first time with a lower SEQ than a message of its key processed before it is one
     * inversion. A message processed again (a duplicate) is not a first processing and never counts.
     */
    static int inversions(List<Record> processed, int keys) {
        List<Record> inTime = new ArrayList<>(processed);
        inTime.sort(Comparator.comparingLong(Record::micros));
        Set<String> seen = new HashSet<>();
        Map<Long, Long> highest = new HashMap<>();
        int inversions = 0;
        for (Record record : inTime) {
            if (!seen.add(record.id())) {
                continue;
            }
            long seq = seq(record.id());
            long key = seq % keys;
            Long before = highest.get(key);
            if (before != null && seq < before) {
                inversions++;
            } else {
                highest.put(key, seq);
            }
        }
        return inversions;
    }

    static long seq(String id) {
        return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
    }

    /** The longest time between two consecutive events (epoch microseconds); empty for fewer than two events. */
    static Gap longestGap(Collection<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        sorted.sort(null);
        Gap longest = new Gap(0, 0);
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i) - sorted.get(i - 1) > longest.toMicros() - longest.fromMicros()) {
                longest = new Gap(sorted.get(i - 1), sorted.get(i));
            }
        }
        return longest;
    }

    /** A stretch without events: from the last event before it to the first after it. */
    record Gap(long fromMicros, long toMicros) {
        long millis() {
            return (toMicros - fromMicros) / 1000;
        }
    }

    static List<String> ids(Collection<Record> records) {
        return records.stream().map(Record::id).toList();
    }

    static List<String> storedIds(Collection<StoredMessage> stored) {
        return stored.stream().map(StoredMessage::id).toList();
    }
}
