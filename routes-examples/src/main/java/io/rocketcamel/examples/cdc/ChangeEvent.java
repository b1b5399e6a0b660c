package io.rocketcamel.examples.cdc;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A committed row change in the article's CDC format (what Canal publishes from MySQL's binlog; here Debezium reads it
 * from PostgreSQL's log): {@code before} is null for an INSERT, {@code after} for a DELETE; {@code timestamp} is when
 * the change committed (epoch milliseconds, the database's clock); {@code pk} is the primary key as text.
 */
public record ChangeEvent(
        String database,
        String table,
        @JsonProperty("event_type") String eventType,
        String pk,
        Map<String, Object> before,
        Map<String, Object> after,
        long timestamp) {

    public static final String INSERT = "INSERT";
    public static final String UPDATE = "UPDATE";
    public static final String DELETE = "DELETE";

    /** The message key the article uses: {@code db.table.pk}; also the row's Redis key. */
    @JsonIgnore
    public String key() {
        return database + "." + table + "." + pk;
    }

    @JsonIgnore
    public boolean isDelete() {
        return DELETE.equals(eventType);
    }
}
