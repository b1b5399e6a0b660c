package io.rocketcamel.component.rocketmq;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The article's order flow: the half message is sent, the local transaction inserts the order into a database (H2), and
 * every tenth order fails after its insert, so both the row and the message must disappear.
 */
class TransactionalOrdersIT extends RocketMQITSupport {

    private static final int ORDERS = 1000;

    private final String jdbcUrl = "jdbc:h2:mem:" + unique("orders") + ";DB_CLOSE_DELAY=-1";

    @Test
    void exactlyTheCommittedOrdersAreDelivered() throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id INT PRIMARY KEY, item VARCHAR(100))");
        }
        String topic = topic("tx-orders", 4);
        Map<Integer, AtomicInteger> delivered = new ConcurrentHashMap<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:placeOrder")
                        .to("rocketmq:" + topic + "?transactional=true&localTransaction=direct:createOrder&keys=$<header.orderId>");
                from("direct:createOrder").process(e -> insertOrder(e));
                from("rocketmq:" + topic + "?consumerGroup=" + unique("shipping"))
                        .process(e -> delivered.computeIfAbsent(e.getMessage().getHeader("orderId", Integer.class),
                                k -> new AtomicInteger()).incrementAndGet());
            }
        });

        List<Integer> failedSends = placeOrdersFromFourThreads();

        Set<Integer> committed = orderIds();
        assertThat(committed).hasSize(ORDERS - ORDERS / 10).doesNotContainAnyElementsOf(failedSends);
        assertThat(failedSends).hasSize(ORDERS / 10);
        await().atMost(seconds(30)).until(() -> delivered.size() >= committed.size());
        await().during(Duration.ofSeconds(2)).atMost(seconds(5)).until(() -> delivered.size() == committed.size());
        assertThat(delivered.keySet()).isEqualTo(committed);
        assertThat(delivered).allSatisfy((id, times) -> assertThat(times.get()).as("deliveries of order %s", id).isEqualTo(1));
    }

    private void insertOrder(Exchange exchange) throws SQLException {
        int id = exchange.getMessage().getHeader("orderId", Integer.class);
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO orders (id, item) VALUES (?, ?)")) {
                insert.setInt(1, id);
                insert.setString(2, exchange.getMessage().getBody(String.class));
                insert.executeUpdate();
                if (id % 10 == 0) {
                    throw new IllegalStateException("payment declined for order " + id);
                }
                c.commit();
            } catch (RuntimeException | SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private List<Integer> placeOrdersFromFourThreads() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int caller = 0; caller < 4; caller++) {
                int first = caller;
                results.add(callers.submit(() -> {
                    List<Integer> failed = new ArrayList<>();
                    for (int id = first; id < ORDERS; id += 4) {
                        int orderId = id;
                        Exchange placed = template.send("direct:placeOrder", e -> {
                            e.getMessage().setHeader("orderId", orderId);
                            e.getMessage().setBody("item-" + orderId);
                        });
                        if (placed.getException() != null) {
                            assertThat(placed.getException()).hasMessage("payment declined for order " + orderId);
                            failed.add(orderId);
                        }
                    }
                    return failed;
                }));
            }
            List<Integer> failed = new ArrayList<>();
            for (Future<List<Integer>> result : results) {
                failed.addAll(result.get(120, TimeUnit.SECONDS));
            }
            return failed;
        } finally {
            callers.shutdown();
        }
    }

    private Set<Integer> orderIds() throws SQLException {
        Set<Integer> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT id FROM orders")) {
            while (rows.next()) {
                ids.add(rows.getInt(1));
            }
        }
        return ids;
    }
}
