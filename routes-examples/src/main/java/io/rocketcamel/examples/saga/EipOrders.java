package io.rocketcamel.examples.saga;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The orders of the Saga EIP variant in H2, each step and compensation one transaction. An order moves PENDING,
 * RESERVED, PAID, DISPATCHED, then SHIPPED when its saga completes, or CANCELLED when it compensates. A step acts only
 * from the status before it, so a step that comes after its saga was compensated (a timeout overtook it) changes
 * nothing, and a step redelivered after it did its part (its send to the next service failed) finds it done; each
 * compensation undoes its step only if it was done, and the order's own compensation, which runs last, undoes
 * whatever a step finished while the others were being compensated. An order belongs to the saga that placed
 * it: the callbacks of another saga (a retried placement's, whose insert failed on the order's id) change nothing.
 * Every callback that succeeded is recorded with its attempt, in the same transaction as its effect.
 */
@Component
public class EipOrders {

    private static final List<String> PROGRESS = List.of("PENDING", "RESERVED", "PAID", "DISPATCHED", "SHIPPED");

    private final JdbcTemplate jdbc;

    public EipOrders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param sagaId the saga placing the order, which owns it: only its completion and compensations act on it
     * @throws OrderAlreadyPlacedException when an order with this id exists (a caller's retry), left as it is
     */
    public void place(OrderEvent order, String sagaId) {
        try {
            jdbc.update("INSERT INTO orders (id, sku, quantity, amount, card, reserved, status, saga_id)"
                        + " VALUES (?, ?, ?, ?, ?, FALSE, 'PENDING', ?)",
                    order.orderId(), order.sku(), order.quantity(), order.amount(), order.card(), sagaId);
        } catch (DuplicateKeyException e) {
            throw new OrderAlreadyPlacedException(order.orderId());
        }
    }

    /**
     * The saga of this very order (same id and content) if it is still PENDING: placed, but not yet taken by
     * inventory, as when the placement's send to inventory failed; null otherwise.
     */
    public String openPlacement(OrderEvent order) {
        return jdbc.query("SELECT saga_id FROM orders WHERE id = ? AND status = 'PENDING' AND sku = ? AND quantity = ?"
                          + " AND amount = ? AND card = ?",
                rs -> rs.next() ? rs.getString(1) : null,
                order.orderId(), order.sku(), order.quantity(), order.amount(), order.card());
    }

    /** Inventory: takes the stock, or fails the saga for lack of it. */
    @Transactional(rollbackFor = StepFailedException.class)
    public void reserve(OrderEvent order) throws StepFailedException {
        if (!move(order.orderId(), "PENDING", "RESERVED", "reserved = TRUE")) {
            if (reached(order.orderId(), "RESERVED")) {
                return;
            }
            throw new StepFailedException("order_not_pending");
        }
        if (jdbc.update("UPDATE stock SET available = available - ? WHERE sku = ? AND available >= ?",
                order.quantity(), order.sku(), order.quantity()) == 0) {
            throw new StepFailedException("insufficient_inventory");
        }
    }

    /** Payment, after the card was charged: an order compensated meanwhile is not charged. */
    public void paid(OrderEvent order) throws StepFailedException {
        if (!move(order.orderId(), "RESERVED", "PAID", "charged = TRUE") && !reached(order.orderId(), "PAID")) {
            throw new StepFailedException("order_not_reserved");
        }
    }

    /** Shipping: the parcel leaves; the saga completes next. */
    public void dispatch(String orderId) throws StepFailedException {
        if (!move(orderId, "PAID", "DISPATCHED", null) && !reached(orderId, "DISPATCHED")) {
            throw new StepFailedException("order_not_paid");
        }
    }

    /**
     * Whether the order got to {@code status} or past it, and was not cancelled: a step redelivered because its send to
     * the next service failed finds its work done, and only sends again.
     */
    public boolean reached(String orderId, String status) {
        List<String> done = PROGRESS.subList(PROGRESS.indexOf(status), PROGRESS.size());
        return jdbc.queryForList("SELECT status FROM orders WHERE id = ?", String.class, orderId).stream()
                .anyMatch(done::contains);
    }

    /**
     * Records why a step failed, before the saga is compensated: cut to the column's 64 characters, since a failure
     * here would fail the handler that compensates.
     */
    public void failed(String orderId, String reason) {
        jdbc.update("UPDATE orders SET reason = COALESCE(reason, LEFT(?, 64)) WHERE id = ?", reason, orderId);
    }

    /** Completion of the order's step: delivered. */
    @Transactional
    public void completed(String orderId, String sagaId, int attempt) {
        if (ownedBy(orderId, sagaId)) {
            move(orderId, "DISPATCHED", "SHIPPED", null);
        }
        record(orderId, "order-completed", attempt);
    }

    /** Compensation of shipping: the parcel is called back. */
    @Transactional
    public void recall(String orderId, String sagaId, int attempt) {
        if (ownedBy(orderId, sagaId)) {
            move(orderId, "DISPATCHED", "PAID", null);
        }
        record(orderId, "recall-parcel", attempt);
    }

    /** Compensation of payment: the money goes back. */
    @Transactional
    public void refund(String orderId, String sagaId, int attempt) {
        if (ownedBy(orderId, sagaId)) {
            move(orderId, "PAID", "RESERVED", "charged = FALSE");
        }
        record(orderId, "refund", attempt);
    }

    /** Compensation of inventory: the stock goes back. */
    @Transactional
    public void release(String orderId, String sagaId, int attempt) {
        if (ownedBy(orderId, sagaId)) {
            releaseStock(orderId);
            move(orderId, "RESERVED", "PENDING", null);
        }
        record(orderId, "release-stock", attempt);
    }

    /** Compensation of the order, the last one: cancelled, with anything a late step did undone. */
    @Transactional
    public void cancel(String orderId, String sagaId, int attempt) {
        if (ownedBy(orderId, sagaId)) {
            releaseStock(orderId);
            jdbc.update("UPDATE orders SET status = 'CANCELLED', charged = FALSE, reason = COALESCE(reason, 'saga_timeout')"
                        + " WHERE id = ?", orderId);
        }
        record(orderId, "cancel-order", attempt);
    }

    public Map<String, Long> countByStatus(String idPrefix) {
        return counts("SELECT status k, COUNT(*) c FROM orders WHERE id LIKE ? GROUP BY status", idPrefix);
    }

    public Map<String, Long> cancelledByReason(String idPrefix) {
        return counts("SELECT reason k, COUNT(*) c FROM orders WHERE id LIKE ? AND status = 'CANCELLED' GROUP BY reason",
                idPrefix);
    }

    /** How the orders paid with the card ended, by "status reason". */
    public Map<String, Long> endsOfCard(String idPrefix, String card) {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query("SELECT status || ' ' || COALESCE(reason, '-') k, COUNT(*) c FROM orders WHERE id LIKE ? AND card = ?"
                   + " GROUP BY status, reason", rs -> {
                       counts.put(rs.getString("k"), rs.getLong("c"));
                   }, idPrefix + "%", card);
        return counts;
    }

    /** Cancelled orders still holding stock or money, shipped ones without them: none when every saga is consistent. */
    public long inconsistent(String idPrefix) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE id LIKE ? AND ((status = 'CANCELLED' AND (reserved"
                                   + " OR charged)) OR (status = 'SHIPPED' AND NOT (reserved AND charged)))",
                Long.class, idPrefix + "%");
    }

    /** How many times each callback succeeded, by "callback:count"; e.g. "cancel-order:1" -> 412 orders. */
    public Map<String, Long> callbackCounts(String idPrefix) {
        return counts("SELECT callback || ':' || n k, COUNT(*) c FROM (SELECT order_id, callback, COUNT(*) n"
                      + " FROM saga_callbacks WHERE order_id LIKE ? GROUP BY order_id, callback) GROUP BY callback, n",
                idPrefix);
    }

    /** Callbacks that succeeded only on a later attempt. */
    public long retried(String idPrefix) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM saga_callbacks WHERE order_id LIKE ? AND attempt > 1", Long.class,
                idPrefix + "%");
    }

    /** Every order SHIPPED, or CANCELLED by the order's compensation. */
    public boolean isFinished(String idPrefix) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM orders o WHERE id LIKE ? AND NOT (status = 'SHIPPED'"
                                   + " OR status = 'CANCELLED' AND EXISTS (SELECT 1 FROM saga_callbacks c"
                                   + " WHERE c.order_id = o.id AND c.callback = 'cancel-order'))",
                Long.class, idPrefix + "%") == 0;
    }

    public boolean exists(String orderId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE id = ?", Long.class, orderId) > 0;
    }

    public int shippedQuantity(String sku) {
        return jdbc.queryForObject("SELECT COALESCE(SUM(quantity), 0) FROM orders WHERE sku = ? AND status = 'SHIPPED'",
                Integer.class, sku);
    }

    private boolean move(String orderId, String from, String to, String also) {
        return jdbc.update("UPDATE orders SET status = ?" + (also == null ? "" : ", " + also) + " WHERE id = ? AND status = ?",
                to, orderId, from) == 1;
    }

    /** A saga that failed to place the order (a duplicate's) must not undo or finish another saga's order. */
    private boolean ownedBy(String orderId, String sagaId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE id = ? AND saga_id = ?", Long.class, orderId, sagaId) > 0;
    }

    private void releaseStock(String orderId) {
        if (jdbc.update("UPDATE orders SET reserved = FALSE WHERE id = ? AND reserved", orderId) == 1) {
            jdbc.update("UPDATE stock SET available = available + (SELECT quantity FROM orders WHERE id = ?)"
                        + " WHERE sku = (SELECT sku FROM orders WHERE id = ?)", orderId, orderId);
        }
    }

    private void record(String orderId, String callback, int attempt) {
        jdbc.update("INSERT INTO saga_callbacks (order_id, callback, attempt) VALUES (?, ?, ?)", orderId, callback, attempt);
    }

    private Map<String, Long> counts(String sql, String idPrefix) {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query(sql, rs -> {
            counts.put(String.valueOf(rs.getString("k")), rs.getLong("c"));
        }, idPrefix + "%");
        return counts;
    }
}
