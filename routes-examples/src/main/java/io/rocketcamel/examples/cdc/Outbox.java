package io.rocketcamel.examples.cdc;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Unpublished changes in commit order, and the mark that a change reached the broker. */
@Component
public class Outbox {

    private final JdbcTemplate jdbc;

    public Outbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<OutboxEntry> nextBatch() {
        return jdbc.query("SELECT seq, change_key, pk, payload FROM outbox WHERE published = FALSE ORDER BY seq LIMIT 500",
                (rs, n) -> new OutboxEntry(rs.getLong("seq"), rs.getString("change_key"), rs.getString("pk"), rs.getString("payload")));
    }

    public void markPublished(long seq) {
        jdbc.update("UPDATE outbox SET published = TRUE WHERE seq = ?", seq);
    }

    public long pending() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE published = FALSE", Long.class);
    }

    public record OutboxEntry(long seq, String changeKey, String pk, String payload) {
    }
}
