package io.rocketcamel.examples.cdc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code products} table. Every write also records the change in {@code outbox} in the same database
 * transaction: the outbox stands in for the MySQL binlog Canal reads in the seed, with the same guarantee that a
 * committed row change is never missed.
 */
@Component
public class ProductRepository {

    static final String DATABASE = "shop";
    static final String TABLE = "products";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public ProductRepository(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional
    public void insert(long id, String name, BigDecimal price, int stock) {
        jdbc.update("INSERT INTO products (id, name, price, stock) VALUES (?, ?, ?, ?)", id, name, price, stock);
        record(id, "INSERT", null, find(id).orElseThrow());
    }

    @Transactional
    public void update(long id, BigDecimal price, int stock) {
        Map<String, Object> before = find(id).orElseThrow(() -> new IllegalArgumentException("No product " + id));
        jdbc.update("UPDATE products SET price = ?, stock = ? WHERE id = ?", price, stock, id);
        record(id, "UPDATE", before, find(id).orElseThrow());
    }

    @Transactional
    public void delete(long id) {
        Map<String, Object> before = find(id).orElseThrow(() -> new IllegalArgumentException("No product " + id));
        jdbc.update("DELETE FROM products WHERE id = ?", id);
        record(id, "DELETE", before, null);
    }

    public Optional<Map<String, Object>> find(long id) {
        return jdbc.query("SELECT id, name, price, stock FROM products WHERE id = ?", rs -> {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(row(rs.getLong("id"), rs.getString("name"), rs.getBigDecimal("price"), rs.getInt("stock")));
        }, id);
    }

    /** Every row, keyed by primary key, in the form the change events carry. */
    public Map<String, Map<String, Object>> all() {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        jdbc.query("SELECT id, name, price, stock FROM products ORDER BY id", rs -> {
            rows.put(Long.toString(rs.getLong("id")),
                    row(rs.getLong("id"), rs.getString("name"), rs.getBigDecimal("price"), rs.getInt("stock")));
        });
        return rows;
    }

    static Map<String, Object> row(long id, String name, BigDecimal price, int stock) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("name", name);
        row.put("price", price.toPlainString());
        row.put("stock", stock);
        return row;
    }

    private void record(long id, String type, Map<String, Object> before, Map<String, Object> after) {
        ChangeEvent event = new ChangeEvent(DATABASE, TABLE, type, Long.toString(id), before, after, System.currentTimeMillis());
        try {
            jdbc.update("INSERT INTO outbox (change_key, pk, payload) VALUES (?, ?, ?)",
                    event.key(), event.pk(), json.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Change of product " + id + " cannot be written as JSON", e);
        }
    }

    public List<Long> ids() {
        return jdbc.queryForList("SELECT id FROM products ORDER BY id", Long.class);
    }
}
