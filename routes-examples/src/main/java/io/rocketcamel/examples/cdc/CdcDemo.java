package io.rocketcamel.examples.cdc;

import io.rocketcamel.examples.demo.Await;
import io.rocketcamel.examples.demo.DemoConsole;
import io.rocketcamel.examples.demo.DemoScenario;
import io.rocketcamel.examples.demo.ScenarioResult;
import io.rocketcamel.examples.demo.ScenarioResult.Check;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Inserts, updates and deletes rows (the same rows many times, so order matters) and checks that cache and search
 * index end up equal to the table. The index is read through {@code indexContents}, which the demo backs with its
 * local stub and the test with WireMock's journal.
 */
@Component
@Order(5)
public class CdcDemo implements DemoScenario {

    private final ProductRepository products;
    private final Outbox outbox;
    private final RowCache cache;
    private final SearchIndexView index;

    public CdcDemo(ProductRepository products, Outbox outbox, RowCache cache, SearchIndexView index) {
        this.products = products;
        this.outbox = outbox;
        this.cache = cache;
        this.index = index;
    }

    @Override
    public String name() {
        return "cdc-sync";
    }

    @Override
    public ScenarioResult run(DemoConsole console) {
        return run(console, 1, 40, 200);
    }

    public ScenarioResult run(DemoConsole console, long firstId, int rows, int changes) {
        Random random = new Random(firstId);
        int inserts = 0;
        int updates = 0;
        int deletes = 0;
        for (long id = firstId; id < firstId + rows; id++) {
            products.insert(id, "product-" + id, price(random), random.nextInt(100));
            inserts++;
        }
        for (int i = 0; i < changes; i++) {
            long id = firstId + random.nextInt(rows);
            if (products.find(id).isEmpty()) {
                products.insert(id, "product-" + id + "-again", price(random), random.nextInt(100));
                inserts++;
            } else if (random.nextInt(5) == 0) {
                products.delete(id);
                deletes++;
            } else {
                products.update(id, price(random), random.nextInt(100));
                updates++;
            }
        }
        console.stage("committed %d inserts, %d updates, %d deletes on %d rows; each went to the outbox in the same transaction",
                inserts, updates, deletes, rows);
        Supplier<Map<String, Map<String, Object>>> table = () -> inRange(products.all(), firstId, rows);
        Await.until(Duration.ofSeconds(60), () -> outbox.pending() == 0
                && inRange(cache.snapshot(), firstId, rows).equals(table.get())
                && inRange(index.documents(), firstId, rows).equals(table.get()));
        Map<String, Map<String, Object>> expected = table.get();
        List<Check> checks = new ArrayList<>();
        checks.add(new Check(outbox.pending() == 0, "outbox drained to db-changes: " + outbox.pending() + " pending"));
        checks.add(new Check(inRange(cache.snapshot(), firstId, rows).equals(expected),
                "cache equals the table: " + expected.size() + " rows"));
        checks.add(new Check(inRange(index.documents(), firstId, rows).equals(expected),
                "search index equals the table: " + inRange(index.documents(), firstId, rows).size() + " documents"));
        return ScenarioResult.of(checks);
    }

    private static BigDecimal price(Random random) {
        return BigDecimal.valueOf(100 + random.nextInt(99900), 2);
    }

    private static Map<String, Map<String, Object>> inRange(Map<String, Map<String, Object>> rows, long firstId, int count) {
        Map<String, Map<String, Object>> selected = new TreeMap<>();
        rows.forEach((pk, row) -> {
            long id = Long.parseLong(pk);
            if (id >= firstId && id < firstId + count) {
                selected.put(pk, normalized(row));
            }
        });
        return selected;
    }

    /** JSON round trips turn numbers into Integer/Long/String variously: compare rows as text. */
    private static Map<String, Object> normalized(Map<String, Object> row) {
        Map<String, Object> text = new TreeMap<>();
        row.forEach((k, v) -> text.put(k, String.valueOf(v)));
        return text;
    }
}
