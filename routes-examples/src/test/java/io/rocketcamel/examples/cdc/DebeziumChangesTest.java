package io.rocketcamel.examples.cdc;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Debezium's change records as the PostgreSQL connector hands them over; no database. */
class DebeziumChangesTest {

    private static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
    private static final Schema ROW = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA)
            .field("name", Schema.STRING_SCHEMA).build();

    private final DebeziumChanges changes = new DebeziumChanges();

    private ChangeEvent insert(String schema) {
        Struct key = new Struct(KEY).put("id", 7);
        Struct after = new Struct(ROW).put("id", 7).put("name", "lamp");
        return changes.toChangeEvent(after, null, "c", key,
                Map.of("db", "shop", "schema", schema, "table", "products", "ts_ms", 1_700_000_000_000L));
    }

    @Test
    void tablesOfTwoSchemasKeepApartInTheCacheAndTheIndex() {
        ChangeEvent archived = insert("archive");
        ChangeEvent current = insert("public");

        assertThat(archived.table()).isEqualTo("archive.products");
        // the schema's dot escaped: the key is this table's only, not also table "archive"'s row "products.7"
        assertThat(archived.key()).isEqualTo("shop.archive\\.products.7");
        // the default schema keeps the article's db.table.pk
        assertThat(current.table()).isEqualTo("products");
        assertThat(current.key()).isEqualTo("shop.products.7");
        assertThat(current.after()).containsEntry("name", "lamp");
    }

    @Test
    void aTruncateNamesItsTableAndNoRow() {
        Map<String, Object> source = Map.of("db", "shop", "schema", "public", "table", "products", "ts_ms", 1_700_000_000_000L);
        assertThat(changes.isCaptured("t")).isTrue();
        assertThat(changes.isCaptured("m")).as("a logical-decoding message").isFalse();

        ChangeEvent truncate = changes.toChangeEvent(null, null, "t", null, source);

        assertThat(truncate.eventType()).isEqualTo(ChangeEvent.TRUNCATE);
        assertThat(truncate.pk()).isNull();
        assertThat(truncate.key()).isEqualTo("shop.products");
        assertThat(truncate.timestamp()).isEqualTo(1_700_000_000_000L);
    }
}
