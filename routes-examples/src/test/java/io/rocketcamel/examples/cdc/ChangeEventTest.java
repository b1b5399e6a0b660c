package io.rocketcamel.examples.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rocketcamel.component.rocketmq.OrderKeyQueueSelector;
import io.rocketcamel.examples.cdc.ChangeEvent.Partition;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The change's JSON and the partitions a TRUNCATE's copies name; no broker. */
class ChangeEventTest {

    private static final ChangeEvent TRUNCATE = new ChangeEvent("shop", "products", ChangeEvent.TRUNCATE, null, null,
            null, 1_700_000_000_000L);

    @Test
    void aRowChangeKeepsTheArticlesJsonWithoutAPartition() throws Exception {
        ChangeEvent insert = new ChangeEvent("shop", "products", ChangeEvent.INSERT, "7", null, Map.of("id", 7),
                1_700_000_000_000L);
        ObjectMapper json = new ObjectMapper();

        String text = json.writeValueAsString(insert);

        assertThat(json.readTree(text).fieldNames()).toIterable()
                .containsExactly("database", "table", "event_type", "pk", "before", "after", "timestamp");
        assertThat(json.readValue(text, ChangeEvent.class)).isEqualTo(insert);
        assertThat(insert.orderKey()).isEqualTo("7");
    }

    @Test
    void eachCopyOfATruncateGoesToItsPartitionsQueueAndTravelsWithIt() throws Exception {
        int queues = 8;
        List<ChangeEvent> copies = IntStream.range(0, queues).mapToObj(q -> TRUNCATE.forPartition(new Partition(q, queues))).toList();
        ObjectMapper json = new ObjectMapper();

        for (ChangeEvent copy : copies) {
            assertThat(OrderKeyQueueSelector.queueIndex(copy.orderKey(), queues)).isEqualTo(copy.partition().queue());
            assertThat(json.readValue(json.writeValueAsString(copy), ChangeEvent.class)).isEqualTo(copy);
        }
    }

    @Test
    void everyRowIsInThePartitionOfTheQueueItsChangesGoTo() {
        int queues = 4;
        for (int id = 0; id < 1000; id++) {
            String pk = Integer.toString(id);
            List<Integer> holders = IntStream.range(0, queues).filter(q -> new Partition(q, queues).holds(pk)).boxed().toList();
            assertThat(holders).as("partitions holding row %s", pk)
                    .containsExactly(OrderKeyQueueSelector.queueIndex(pk, queues));
        }
    }

    @Test
    void keysAreTheArticlesForPlainNamesAndKeepEveryPartApart() {
        assertThat(new ChangeEvent("shop", "products", ChangeEvent.INSERT, "7", null, Map.of(), 1L).key())
                .isEqualTo("shop.products.7");
        assertThat(TRUNCATE.key()).isEqualTo("shop.products");
        assertThat(ChangeEvent.keyOf("shop", "t", "x.1")).isEqualTo("shop.t.x\\.1");
        assertThat(ChangeEvent.keyOf("shop", "t.x", "1")).isEqualTo("shop.t\\.x.1");
        assertThat(ChangeEvent.keyOf("shop", "t", "a\\b")).isEqualTo("shop.t.a\\\\b");
        for (String part : List.of("x.1", "a\\b", "a\\.b", "plain", "..")) {
            assertThat(ChangeEvent.unescape(ChangeEvent.keyOf(part))).isEqualTo(part);
        }
    }
}
