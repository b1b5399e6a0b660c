package io.rocketcamel.examples.cdc;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** A row change in the seed's CDC format (what Canal would publish from MySQL's binlog). */
public record ChangeEvent(
        String database,
        String table,
        @JsonProperty("event_type") String eventType,
        String pk,
        Map<String, Object> before,
        Map<String, Object> after,
        long timestamp) {

    /** The message key the seed uses: {@code db.table.pk}. */
    @JsonIgnore
    public String key() {
        return database + "." + table + "." + pk;
    }

    @JsonIgnore
    public boolean isDelete() {
        return "DELETE".equals(eventType);
    }
}
