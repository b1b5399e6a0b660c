package io.rocketcamel.examples.cdc;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo's source table in PostgreSQL ({@code cdc/products.sql}) and the application writing to it. Every insert
 * or update stamps the row with the next value of one sequence, its {@code version}; changes of one row are
 * serialised by a transaction-scoped advisory lock, so a row's versions grow in commit order and the sinks' order can
 * be checked against them.
 */
@Component
public class ProductTable implements AutoCloseable {

    public static final String TABLE = "products";

    private static final String COLUMNS = "id, name, price, stock, description, version";

    private final PostgresAddress source;
    private final HikariDataSource pool = new HikariDataSource();
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public ProductTable(PostgresAddress source) {
        this.source = source;
        pool.setPoolName("cdc-source");
        pool.setJdbcUrl(source.jdbcUrl());
        pool.setUsername(source.user());
        pool.setPassword(source.password());
        pool.setMaximumPoolSize(8);
        jdbc = new JdbcTemplate(pool);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(pool));
    }

    public String database() {
        return source.database();
    }

    /** A committed change: what happened to which row, and the row's version it made (a DELETE: the one it removed). */
    public record Committed(long id, String eventType, long version) {

        /** {@code TYPE@version}, as {@link ChangeEvent#label()} names the change a sink applied. */
        public String label() {
            return eventType + "@" + version;
        }

        /** A row's changes sort in commit order: by version, a DELETE after the change that made its version. */
        public String orderKey() {
            return String.format("%019d-%s", version, ChangeEvent.DELETE.equals(eventType) ? "1" : "0");
        }
    }

    /**
     * One transaction changing each of these rows: an absent row is inserted, a present one updated or (one time in
     * five) deleted.
     */
    public List<Committed> change(Collection<Long> ids, Random random) {
        List<Long> sorted = ids.stream().sorted().toList();
        return transactions.execute(status -> {
            List<Committed> committed = new ArrayList<>();
            for (long id : sorted) {
                // ascending ids, so two transactions never wait for each other crosswise
                jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", id);
                List<Long> current = jdbc.queryForList("SELECT version FROM products WHERE id = ?", Long.class, id);
                if (current.isEmpty()) {
                    committed.add(new Committed(id, ChangeEvent.INSERT, jdbc.queryForObject(
                            "INSERT INTO products (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, nextval('product_versions'))"
                                    + " RETURNING version",
                            Long.class, id, "product-" + id, price(random), random.nextInt(1000), description(random))));
                } else if (random.nextInt(5) == 0) {
                    jdbc.update("DELETE FROM products WHERE id = ?", id);
                    committed.add(new Committed(id, ChangeEvent.DELETE, current.get(0)));
                } else {
                    committed.add(new Committed(id, ChangeEvent.UPDATE, jdbc.queryForObject(
                            "UPDATE products SET price = ?, stock = ?, description = ?, version = nextval('product_versions')"
                                    + " WHERE id = ? RETURNING version",
                            Long.class, price(random), random.nextInt(1000), description(random), id)));
                }
            }
            return committed;
        });
    }

    /**
     * One transaction emptying the table and inserting these rows: the log holds one TRUNCATE for the table, not a
     * DELETE per row, and then the inserts.
     */
    public List<Committed> truncateAndInsert(Collection<Long> ids, Random random) {
        return transactions.execute(status -> {
            jdbc.execute("TRUNCATE products");
            return change(ids, random);
        });
    }

    /** The rows with these ids that exist, every non-NULL column as text, by primary key. */
    public Map<String, Map<String, String>> rows(Collection<Long> ids) {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        jdbc.query("SELECT " + COLUMNS + " FROM products WHERE id = ANY (?)", rs -> {
            Map<String, String> row = new TreeMap<>();
            row.put("id", Long.toString(rs.getLong("id")));
            row.put("name", rs.getString("name"));
            row.put("price", rs.getBigDecimal("price").toPlainString());
            row.put("stock", Integer.toString(rs.getInt("stock")));
            if (rs.getString("description") != null) {
                row.put("description", rs.getString("description"));
            }
            row.put("version", Long.toString(rs.getLong("version")));
            rows.put(row.get("id"), row);
        }, (Object) ids.toArray(Long[]::new));
        return rows;
    }

    private static BigDecimal price(Random random) {
        return BigDecimal.valueOf(100 + random.nextInt(99_900), 2);
    }

    /** NULL one time in four: a column that becomes NULL must disappear from the cached hash. */
    private static String description(Random random) {
        return random.nextInt(4) == 0 ? null : "batch " + random.nextInt(100) + ", \"quoted\" and ümlaut";
    }

    @Override
    public void close() {
        pool.close();
    }
}
