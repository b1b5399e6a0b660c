package io.rocketcamel.component.rocketmq;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A transactional send inside a Spring-managed database transaction (a transacted route, or a caller's transaction
 * around a ProducerTemplate): the order's row and its message must both be there or both be gone, and a consumer that
 * gets the message must find the row.
 */
class SpringTransactionIT extends RocketMQITSupport {

    private static final int ORDERS = 20;

    private final JdbcTemplate jdbc;
    private final DataSourceTransactionManager transactions;
    /** Per delivered order: how often it arrived, and whether its row was committed when it first did. */
    private final Map<Integer, AtomicInteger> delivered = new ConcurrentHashMap<>();
    private final Set<Integer> deliveredBeforeItsRow = ConcurrentHashMap.newKeySet();

    SpringTransactionIT() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + unique("orders") + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        transactions = new DataSourceTransactionManager(dataSource);
    }

    @BeforeEach
    void createTable() {
        jdbc.execute("CREATE TABLE orders (id INT PRIMARY KEY)");
    }

    private void ship(RouteBuilder routes, String topic) throws Exception {
        context.getRegistry().bind("required", new SpringTransactionPolicy(transactions));
        start(routes);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + unique("shipping")).process(e -> {
                    int id = e.getMessage().getHeader("orderId", Integer.class);
                    if (delivered.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() == 1 && !committed(id)) {
                        deliveredBeforeItsRow.add(id);
                    }
                });
            }
        });
    }

    private boolean committed(int id) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE id = ?", Integer.class, id) == 1;
    }

    private void insert(int id) {
        jdbc.update("INSERT INTO orders (id) VALUES (?)", id);
    }

    /** The even orders commit, the odd ones roll back: exactly the even ones are stored and shipped, each once. */
    private void assertOnlyCommittedOrdersShipped() {
        assertShippedExactly(IntStream.range(0, ORDERS).filter(id -> id % 2 == 0).boxed().collect(Collectors.toSet()));
    }

    private void assertShippedExactly(Set<Integer> committed) {
        assertThat(jdbc.queryForList("SELECT id FROM orders", Integer.class)).containsExactlyInAnyOrderElementsOf(committed);
        await().atMost(seconds(20))
                .untilAsserted(() -> assertThat(delivered.keySet()).as("orders shipped").containsAll(committed));
        await().during(Duration.ofSeconds(3)).atMost(seconds(6))
                .untilAsserted(() -> assertThat(delivered.keySet()).as("orders shipped").isEqualTo(committed));
        assertThat(delivered).allSatisfy((id, times) -> assertThat(times.get()).as("shipments of order %s", id).isEqualTo(1));
        assertThat(deliveredBeforeItsRow).as("orders shipped before their row was committed").isEmpty();
    }

    @Test
    void aLocalTransactionInATransactedRouteCommitsItsMessageOnlyWithTheRoutesTransaction() throws Exception {
        String topic = topic("tx-spring-local", 2);
        ship(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:placeOrder").transacted("required")
                        .to("rocketmq:" + topic + "?transactional=true&localTransaction=direct:insertOrder")
                        // the route fails after the send: the transaction, insert included, rolls back
                        .filter(header("orderId").regex("\\d*[13579]")).throwException(new IllegalStateException("payment declined"));
                from("direct:insertOrder").process(e -> insert(e.getMessage().getHeader("orderId", Integer.class)));
            }
        }, topic);

        placeOrdersOddOnesDeclined();

        assertOnlyCommittedOrdersShipped();
    }

    private void placeOrdersOddOnesDeclined() {
        for (int id = 0; id < ORDERS; id++) {
            int orderId = id;
            Exchange placed = template.send("direct:placeOrder", e -> {
                e.getMessage().setHeader("orderId", orderId);
                e.getMessage().setBody("order-" + orderId);
            });
            if (orderId % 2 == 1) {
                assertThat(placed.getException()).hasMessageContaining("payment declined");
            } else {
                assertThat(placed.getException()).isNull();
            }
        }
    }

    @Test
    void aRouteFailingAfterItsTransactionCommittedStillShipsTheOrder() throws Exception {
        String topic = topic("tx-spring-after", 2);
        ship(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:placeOrder").to("direct:storeOrder")
                        // the order's transaction has committed: its row stays, and so must its message
                        .filter(header("orderId").regex("\\d*[13579]")).throwException(new IllegalStateException("payment declined"));
                from("direct:storeOrder").transacted("required")
                        .to("rocketmq:" + topic + "?transactional=true")
                        .process(e -> insert(e.getMessage().getHeader("orderId", Integer.class)));
            }
        }, topic);

        placeOrdersOddOnesDeclined();

        assertShippedExactly(IntStream.range(0, ORDERS).boxed().collect(Collectors.toSet()));
    }

    @Test
    void aSendWithoutLocalTransactionInACallersTransactionCommitsItsMessageOnlyWithThatTransaction() throws Exception {
        String topic = topic("tx-spring-caller", 2);
        ship(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:placeOrder").to("rocketmq:" + topic + "?transactional=true");
            }
        }, topic);

        TransactionTemplate callers = new TransactionTemplate(transactions);
        for (int id = 0; id < ORDERS; id++) {
            int orderId = id;
            callers.executeWithoutResult(status -> {
                template.sendBodyAndHeader("direct:placeOrder", "order-" + orderId, "orderId", orderId);
                insert(orderId);
                if (orderId % 2 == 1) {
                    status.setRollbackOnly();
                }
            });
        }

        assertOnlyCommittedOrdersShipped();
    }
}
