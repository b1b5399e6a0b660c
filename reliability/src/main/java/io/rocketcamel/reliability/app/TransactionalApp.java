package io.rocketcamel.reliability.app;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A transactional producer process (scenario 4): {@code direct:send -> rocketmq:TOPIC?transactional=true
 * &localTransaction=direct:local&transactionChecker=direct:check}. The local transaction inserts the order's row into
 * an H2 database and commits it after {@code workBeforeCommitMs}, then works on for {@code workAfterCommitMs} (the
 * rest of the local work) before it returns and the outcome is sent; the checker answers a check-back from that
 * database: COMMIT when the row is there; when not, ROLLBACK once the half message is older than any local transaction
 * runs, else UNKNOWN (another instance's transaction may still commit it). In {@code mode=send} it sends its messages
 * ({@link SendWorkload}, without retries); in {@code mode=check} it only answers check-backs for the half messages a
 * killed instance of the same producer group left undecided, recording {@code C id micros answer}. Once the file
 * {@code hold} exists, each local transaction that starts stays for the kill, alternately before its row and after
 * it was committed ({@link KillHold}): records {@code HB id micros} or {@code HA id micros}.
 */
public final class TransactionalApp {

    private TransactionalApp() {
    }

    public static void main(String[] args) throws Exception {
        AppConfig config = AppConfig.load(Path.of(args[0]));
        String jdbcUrl = config.get("jdbcUrl");
        long beforeCommit = config.getInt("workBeforeCommitMs", 0);
        long afterCommit = config.getInt("workAfterCommitMs", 0);
        // no local transaction here runs longer than its work and this margin for the database and the send
        long longestLocalTransactionMs = beforeCommit + afterCommit + 2_000;
        KillHold hold = KillHold.from(config);
        AtomicInteger held = new AtomicInteger();
        RecordFile checks = new RecordFile(Path.of(config.get("checkRecords")));
        RecordFile committed = new RecordFile(Path.of(config.get("localRecords")));
        SendWorkload workload = SendWorkload.from("tx", config);
        ThreadLocal<Connection> connections = ThreadLocal.withInitial(() -> open(jdbcUrl));
        CamelContext camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("direct:tx").routeId("tx").to(workload.uri(config.get("namesrv")));
                from("direct:local").routeId("local").process(exchange -> {
                    String id = exchange.getMessage().getBody(String.class);
                    boolean holding = hold.on();
                    boolean holdWithRow = holding && held.getAndIncrement() % 2 == 1;
                    if (holding && !holdWithRow) {
                        hold.stay(committed, "HB", id);
                    }
                    Connection db = connections.get();
                    try (PreparedStatement insert = db.prepareStatement("INSERT INTO orders(id) VALUES (?)")) {
                        insert.setString(1, id);
                        insert.executeUpdate();
                        Thread.sleep(beforeCommit);
                        db.commit();
                    } catch (SQLException | RuntimeException e) {
                        db.rollback();
                        throw e;
                    }
                    committed.append("L", id, RecordFile.nowMicros());
                    if (holdWithRow) {
                        hold.stay(committed, "HA", id);
                    }
                    // the half message waits for the outcome while the rest of the work runs
                    Thread.sleep(afterCommit);
                });
                from("direct:check").routeId("check").process(exchange -> {
                    String id = exchange.getMessage().getBody(String.class);
                    String answer;
                    try (PreparedStatement select = connections.get().prepareStatement("SELECT COUNT(*) FROM orders WHERE id = ?")) {
                        select.setString(1, id);
                        try (ResultSet rows = select.executeQuery()) {
                            rows.next();
                            long age = System.currentTimeMillis()
                                       - exchange.getMessage().getHeader(RocketMQConstants.BORN_TIMESTAMP, Long.class);
                            answer = rows.getInt(1) > 0 ? "COMMIT" : age > longestLocalTransactionMs ? "ROLLBACK" : "UNKNOWN";
                        }
                    }
                    checks.append("C", id, RecordFile.nowMicros(), answer);
                    exchange.getMessage().setBody(answer);
                });
            }
        });
        try (Connection db = open(jdbcUrl); Statement ddl = db.createStatement()) {
            ddl.execute("CREATE TABLE IF NOT EXISTS orders(id VARCHAR(64) PRIMARY KEY)");
            db.commit();
        }
        camel.start();
        System.out.println("READY transactional mode=" + config.get("mode") + " pid=" + ProcessHandle.current().pid());
        System.out.flush();
        if ("send".equals(config.get("mode"))) {
            boolean complete = workload.run(camel, camel.createProducerTemplate(),
                    Duration.ofSeconds(config.getInt("deadlineSeconds", 300)), new Lockstep(0));
            System.out.println("DONE " + workload.summary());
            System.out.flush();
            System.exit(complete ? 0 : 3);
        }
        new CountDownLatch(1).await();
    }

    private static Connection open(String jdbcUrl) {
        try {
            Connection connection = DriverManager.getConnection(jdbcUrl, "sa", "");
            connection.setAutoCommit(false);
            return connection;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }
}
