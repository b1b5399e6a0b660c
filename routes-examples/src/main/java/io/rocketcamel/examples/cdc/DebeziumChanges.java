package io.rocketcamel.examples.cdc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.component.debezium.DebeziumConstants;
import org.apache.kafka.connect.data.Struct;
import org.springframework.stereotype.Component;

/**
 * Turns Debezium's change record into the article's {@link ChangeEvent}. Debezium's envelope is the same for every
 * connector (PostgreSQL, MySQL, ...): operation c (insert), u (update), d (delete), r (a row read by the initial
 * snapshot, which a cache or an index takes as an insert) or t (a truncate, which has no key and no row);
 * {@code source.db}, {@code source.schema} and
 * {@code source.table} name the row's table; {@code source.ts_ms} is the commit time.
 */
@Component
public class DebeziumChanges {

    private static final Map<String, String> EVENT_TYPES = Map.of("c", ChangeEvent.INSERT, "r", ChangeEvent.INSERT,
            "u", ChangeEvent.UPDATE, "d", ChangeEvent.DELETE, "t", ChangeEvent.TRUNCATE);

    /** Row changes and truncates; not a schema change, a heartbeat or a logical-decoding message. */
    public boolean isCaptured(@Header(DebeziumConstants.HEADER_OPERATION) String operation) {
        return operation != null && EVENT_TYPES.containsKey(operation);
    }

    public ChangeEvent toChangeEvent(@Body Struct after,
            @Header(DebeziumConstants.HEADER_BEFORE) Struct before,
            @Header(DebeziumConstants.HEADER_OPERATION) String operation,
            @Header(DebeziumConstants.HEADER_KEY) Struct key,
            @Header(DebeziumConstants.HEADER_SOURCE_METADATA) Map<String, Object> source) {
        // a TRUNCATE names its table and no row
        String pk = key == null ? null
                : key.schema().fields().stream().map(field -> String.valueOf(key.get(field))).collect(Collectors.joining(":"));
        return new ChangeEvent(String.valueOf(source.get("db")), table(source),
                EVENT_TYPES.get(operation), pk, columns(before), columns(after), ((Number) source.get("ts_ms")).longValue());
    }

    /**
     * The table, with its schema unless that is PostgreSQL's default one: two schemas' tables of one name would
     * otherwise share their rows' cache keys and their index. MySQL's records name no schema.
     */
    private static String table(Map<String, Object> source) {
        Object schema = source.get("schema");
        String table = String.valueOf(source.get("table"));
        return schema == null || "public".equals(schema) ? table : schema + "." + table;
    }

    /** Column values in table order (the Camel converter's HashMap loses it). */
    private static Map<String, Object> columns(Struct row) {
        if (row == null) {
            return null;
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        row.schema().fields().forEach(field -> columns.put(field.name(), row.get(field)));
        return columns;
    }
}
