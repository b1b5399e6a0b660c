package io.rocketcamel.examples.logcollection;

import io.rocketcamel.examples.deadletter.UnknownEventException;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** ERROR events kept in the {@code error_log} table, with the collector that stored each. */
@Component
public class ErrorStore {

    private static final int MAX_NAME_LENGTH = 64;

    private final JdbcTemplate jdbc;

    public ErrorStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the event unless it is stored already: RocketMQ delivers at least once, and a rebalance between the
     * collectors can hand one event to both. The first collector keeps it.
     */
    public void save(LogEvent event, String collector) {
        requireId(event.id());
        requireFits("event id", event.id());
        requireFits("service", event.service());
        jdbc.update("INSERT INTO error_log (event_id, service, message, collector) SELECT ?, ?, ?, ? FROM DUAL"
                    + " WHERE NOT EXISTS (SELECT 1 FROM error_log WHERE event_id = ?)",
                event.id(), event.service(), event.message(), collector, event.id());
    }

    /**
     * The id is what tells an event from its redeliveries: without one, the insert failed on every redelivery (NOT NULL)
     * until the group's dead-letter topic, and a blank one was kept once and every later blank-id event dropped as its
     * duplicate.
     */
    private static void requireId(String id) {
        if (id == null || id.isBlank()) {
            throw new UnknownEventException("The event id is " + (id == null ? "missing" : "blank")
                                            + "; error_log keeps each event once by its id");
        }
    }

    /** The table keeps ids and services of up to 64 characters; the message, a stack trace included, has no limit. */
    private static void requireFits(String field, String value) {
        if (value != null && value.length() > MAX_NAME_LENGTH) {
            throw new UnknownEventException("The " + field + " has " + value.length() + " characters; error_log keeps up to "
                                            + MAX_NAME_LENGTH + " characters");
        }
    }

    public List<String> eventIds() {
        return jdbc.queryForList("SELECT event_id FROM error_log", String.class);
    }

    /** How many events (of ids starting with the prefix, such as a demo run's) each collector stored. */
    public Map<String, Long> countByCollector(String idPrefix) {
        return jdbc.query("SELECT collector, COUNT(*) c FROM error_log WHERE event_id LIKE ? GROUP BY collector",
                rs -> {
                    Map<String, Long> counts = new java.util.TreeMap<>();
                    while (rs.next()) {
                        counts.put(rs.getString("collector"), rs.getLong("c"));
                    }
                    return counts;
                }, idPrefix + "%");
    }
}
