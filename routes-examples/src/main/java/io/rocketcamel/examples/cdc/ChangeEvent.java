package io.rocketcamel.examples.cdc;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A committed change in the article's CDC format (what Canal publishes from MySQL's binlog; here Debezium reads it
 * from PostgreSQL's log): {@code before} is null for an INSERT, {@code after} for a DELETE; {@code timestamp} is when
 * the change committed (epoch milliseconds, the database's clock); {@code pk} is the primary key as text.
 * <p>
 * A TRUNCATE has no row: it is published once to every queue of the topic, each copy naming its {@code partition},
 * the rows whose changes go to that queue ({@link TruncatePartitions}).
 */
public record ChangeEvent(
        String database,
        String table,
        @JsonProperty("event_type") String eventType,
        String pk,
        Map<String, Object> before,
        Map<String, Object> after,
        long timestamp,
        @JsonInclude(JsonInclude.Include.NON_NULL) Partition partition) {

    public static final String INSERT = "INSERT";
    public static final String UPDATE = "UPDATE";
    public static final String DELETE = "DELETE";
    public static final String TRUNCATE = "TRUNCATE";

    /** A change of one row. */
    public ChangeEvent(String database, String table, String eventType, String pk, Map<String, Object> before,
            Map<String, Object> after, long timestamp) {
        this(database, table, eventType, pk, before, after, timestamp, null);
    }

    /** The rows of a table whose changes go to one queue of a topic of {@code queues} queues: see {@link OrderKeys}. */
    public record Partition(int queue, int queues) {

        public boolean holds(String pk) {
            return OrderKeys.queueOf(pk, queues) == queue;
        }
    }

    /** The message key the article uses: {@code db.table.pk}, also the row's Redis key; {@code db.table} for a TRUNCATE. */
    @JsonIgnore
    public String key() {
        return pk == null ? keyOf(database, table) : keyOf(database, table, pk);
    }

    /**
     * The parts joined by '.', a '.' or '\' inside a part escaped by '\': a schema's table is {@code schema.table}
     * and a primary key may hold a dot, so, joined as they are, table {@code t}'s row {@code x.1} and table
     * {@code t.x}'s row {@code 1} shared one key, and a table's prefix covered the rows of the schema of its name.
     * Plain names give the article's keys unchanged.
     */
    public static String keyOf(String... parts) {
        StringBuilder key = new StringBuilder();
        for (String part : parts) {
            if (!key.isEmpty()) {
                key.append('.');
            }
            key.append(part.replace("\\", "\\\\").replace(".", "\\."));
        }
        return key.toString();
    }

    /** A part of a {@link #keyOf(String...)} back as it was. */
    public static String unescape(String part) {
        return part.replaceAll("\\\\(.)", "$1");
    }

    /** The key whose queue the change goes to: the row's primary key; for a TRUNCATE, one that lands on its partition's. */
    @JsonIgnore
    public String orderKey() {
        return partition == null ? pk : OrderKeys.landingOn(partition.queue(), partition.queues());
    }

    /**
     * The change as {@code TYPE@version} (the row's version it made; a DELETE's, the one it removed), as
     * {@link ProductTable.Committed#label()} names it on the committing side; null without a row version (a TRUNCATE).
     */
    @JsonIgnore
    public String label() {
        Map<String, Object> row = isDelete() ? before : after;
        return row != null && row.get("version") instanceof Number version ? eventType + "@" + version.longValue() : null;
    }

    @JsonIgnore
    public boolean isDelete() {
        return DELETE.equals(eventType);
    }

    @JsonIgnore
    public boolean isTruncate() {
        return TRUNCATE.equals(eventType);
    }

    /** This TRUNCATE's copy for one partition. */
    public ChangeEvent forPartition(Partition of) {
        return new ChangeEvent(database, table, eventType, pk, before, after, timestamp, of);
    }
}
