package io.rocketcamel.examples.logcollection;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** ERROR events kept in the {@code error_log} table, with the collector that stored each. */
@Component
public class ErrorStore {

    private final JdbcTemplate jdbc;

    public ErrorStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void save(LogEvent event, String collector) {
        jdbc.update("INSERT INTO error_log (event_id, service, message, collector) VALUES (?, ?, ?, ?)",
                event.id(), event.service(), event.message(), collector);
    }

    public List<String> eventIds() {
        return jdbc.queryForList("SELECT event_id FROM error_log", String.class);
    }

    /** How many events each collector stored: both share the load. */
    public Map<String, Long> countByCollector() {
        return jdbc.query("SELECT collector, COUNT(*) c FROM error_log GROUP BY collector",
                rs -> {
                    Map<String, Long> counts = new java.util.TreeMap<>();
                    while (rs.next()) {
                        counts.put(rs.getString("collector"), rs.getLong("c"));
                    }
                    return counts;
                });
    }
}
