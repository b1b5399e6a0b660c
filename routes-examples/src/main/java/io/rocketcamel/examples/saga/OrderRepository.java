package io.rocketcamel.examples.saga;

import io.rocketcamel.examples.demo.ExpectedFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Orders and stock in H2. Every status change is guarded by the status it comes from, so a redelivered event (RocketMQ
 * delivers at least once) changes nothing the second time.
 */
@Component
public class OrderRepository {

    /** A card that makes the local transaction fail, as a crashed database write would. */
    public static final String FAILING_LOCAL_TRANSACTION = "LOCAL_FAIL";
    /**
     * How long a placement's local transaction may run before its database gives it up: a check-back that finds no
     * order row for a younger half message cannot tell a transaction still running in another instance from one that
     * failed, and answers UNKNOWN.
     */
    public static final Duration LOCAL_TRANSACTION_LIMIT = Duration.ofSeconds(30);

    private final JdbcTemplate jdbc;

    public OrderRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void stock(String sku, int available) {
        jdbc.update("MERGE INTO stock (sku, available) KEY (sku) VALUES (?, ?)", sku, available);
    }

    public int available(String sku) {
        return jdbc.queryForObject("SELECT available FROM stock WHERE sku = ?", Integer.class, sku);
    }

    /**
     * The local transaction of a placed order: the order row and, when there is enough, the stock reservation commit
     * together or not at all.
     */
    @Transactional(timeout = 30) // LOCAL_TRANSACTION_LIMIT, in seconds: an annotation takes a constant
    public void create(OrderEvent order) {
        int reserved = jdbc.update("UPDATE stock SET available = available - ? WHERE sku = ? AND available >= ?",
                order.quantity(), order.sku(), order.quantity());
        jdbc.update("INSERT INTO orders (id, sku, quantity, amount, card, reserved, status) VALUES (?, ?, ?, ?, ?, ?, 'CREATED')",
                order.orderId(), order.sku(), order.quantity(), order.amount(), order.card(), reserved == 1);
        if (FAILING_LOCAL_TRANSACTION.equals(order.card())) {
            throw new ExpectedFailure("local transaction failed (injected)");
        }
    }

    /**
     * The broker's check-back, which may reach any instance: an order that exists was committed locally; one that does
     * not failed only once its half message is older than a local transaction may run.
     */
    public String transactionState(String orderId, long bornTimestamp) {
        if (status(orderId).isPresent()) {
            return "COMMIT";
        }
        return System.currentTimeMillis() - bornTimestamp < LOCAL_TRANSACTION_LIMIT.toMillis() ? "UNKNOWN" : "ROLLBACK";
    }

    public boolean isReserved(String orderId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT reserved FROM orders WHERE id = ?", Boolean.class, orderId));
    }

    /** Moves the order from {@code from} to {@code to}; false when it was not in {@code from} (a redelivery). */
    public boolean transition(String orderId, String from, String to, String reason) {
        return jdbc.update("UPDATE orders SET status = ?, reason = COALESCE(?, reason) WHERE id = ? AND status = ?",
                to, reason, orderId, from) == 1;
    }

    /** Cancels a paid-for-nothing order and gives its reserved stock back, once. */
    @Transactional
    public boolean cancelAndRelease(String orderId, String reason) {
        if (!transition(orderId, "CREATED", "CANCELLED", reason)) {
            return false;
        }
        jdbc.update("UPDATE stock SET available = available + (SELECT quantity FROM orders WHERE id = ?) "
                + "WHERE sku = (SELECT sku FROM orders WHERE id = ?)", orderId, orderId);
        return true;
    }

    public Optional<String> status(String orderId) {
        return jdbc.queryForList("SELECT status FROM orders WHERE id = ?", String.class, orderId).stream().findFirst();
    }

    public Map<String, Long> countByStatus(String idPrefix) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.query("SELECT status, COUNT(*) c FROM orders WHERE id LIKE ? GROUP BY status",
                rs -> { counts.put(rs.getString("status"), rs.getLong("c")); }, idPrefix + "%");
        return counts;
    }

    /** Where an order ended, with what decides where it should: its card and whether its stock was reserved. */
    public record EndState(String id, String card, boolean reserved, String status, String reason) {
    }

    /** The end states of the orders whose id starts with {@code idPrefix}, by id. */
    public List<EndState> endStates(String idPrefix) {
        return jdbc.query("SELECT id, card, reserved, status, reason FROM orders WHERE id LIKE ? ORDER BY id",
                (rs, i) -> new EndState(rs.getString("id"), rs.getString("card"), rs.getBoolean("reserved"),
                        rs.getString("status"), rs.getString("reason")), idPrefix + "%");
    }

    public int shippedQuantity(String sku) {
        return jdbc.queryForObject("SELECT COALESCE(SUM(quantity), 0) FROM orders WHERE sku = ? AND status = 'SHIPPED'",
                Integer.class, sku);
    }

    public void recordHistory(OrderEvent event) {
        jdbc.update("INSERT INTO order_history (order_id, event) VALUES (?, ?)", event.orderId(), event.type());
    }

    /** Each order's events in the order the history consumer received them. */
    public Map<String, List<String>> histories(String idPrefix) {
        Map<String, List<String>> histories = new java.util.TreeMap<>();
        jdbc.query("SELECT order_id, event FROM order_history WHERE order_id LIKE ? ORDER BY id",
                rs -> { histories.computeIfAbsent(rs.getString("order_id"), k -> new java.util.ArrayList<>()).add(rs.getString("event")); },
                idPrefix + "%");
        return histories;
    }
}
