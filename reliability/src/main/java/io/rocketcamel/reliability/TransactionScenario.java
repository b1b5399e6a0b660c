package io.rocketcamel.reliability;

import io.rocketcamel.broker.ChildJvm;
import io.rocketcamel.broker.RunnerProcess;
import io.rocketcamel.reliability.app.AppConfig;
import io.rocketcamel.reliability.app.RecordFile;
import io.rocketcamel.reliability.app.TransactionalApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.h2.tools.Server;

/**
 * Scenario 4: a transactional producer is killed with {@code kill -9} while transactions are between their half
 * message and their outcome; each local transaction writes its order row to a real database (an H2 server on
 * loopback, which outlives the producer). Another instance of the same producer group, started after the kill, answers
 * the broker's check-backs from that database. The messages delivered to consumers must equal the committed rows,
 * exactly: none missing, none extra, none twice.
 */
final class TransactionScenario implements Scenario {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @Override
    public String number() {
        return "4";
    }

    @Override
    public String description() {
        return "A broker checking back undecided transactions every 3 s (`transactionCheckInterval=3000`, "
                + "`transactionTimeOut=2000`); an H2 database server on loopback, its database open for the whole "
                + "scenario (as a database server outlives its clients); a producer process sending "
                + "`transactional=true&localTransaction=direct:local&transactionChecker=direct:check` from 8 threads. The local "
                + "transaction inserts the order's row and commits it after 10 ms, then works 50 ms more before the outcome "
                + "goes to the broker. Once half of the transactions completed, each local transaction that starts "
                + "stays where it is, alternately before its row and after its row was committed, and once both kinds "
                + "are held the producer is killed. A second instance of the same producer group (the "
                + "same topic, so the same default group) is started; its checker answers COMMIT when the row exists and, "
                + "when not, ROLLBACK once the half message is older than any local transaction runs (UNKNOWN before). The "
                + "messages delivered on the topic must equal the committed rows, exactly: none missing, none without a row (a transaction checked back twice and committed twice is delivered twice: "
                + "counted as a duplicate, which consumers must tolerate). The new instance's check-backs must have "
                + "committed a transaction and rolled one back.";
    }

    @Override
    public String title() {
        return "Transactional producer kill -9 between half message and outcome";
    }

    @Override
    public List<Result> run(Size size, boolean keep) throws Exception {
        boolean full = size == Size.FULL;
        int n = full ? 2_000 : 400;
        int rate = full ? 200 : 100;
        String topic = "s4-orders";
        // The H2 server listens on loopback only.
        System.setProperty("h2.bindAddress", "127.0.0.1");
        try (Workspace workspace = Workspace.create("s4", keep)) {
            Server database = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir",
                    workspace.path("db").toString()).start();
            String jdbcUrl = "jdbc:h2:tcp://127.0.0.1:" + database.getPort() + "/orders";
            // A database server outlives its clients; H2 closes a database when its last connection goes (the killed
            // producer held them all), and 2.3.232's close, compacting the file, can lose committed rows
            // (h2database/h2database#4247): this connection keeps it open for the whole scenario.
            try (Connection keepOpen = DriverManager.getConnection(jdbcUrl, "sa", "")) {
                // Check-backs every 3 s for transactions undecided after 2 s; the broker gives up after 30 checks.
                RunnerProcess broker = workspace.node("broker", List.of("--port", "0", "--store", workspace.path("store").toString(),
                        "--topic", topic + ":4", "--property", "transactionCheckInterval=3000",
                        "--property", "transactionTimeOut=2000", "--property", "transactionCheckMax=30"));
                String namesrv = broker.namesrvAddr();

                Path hold = workspace.path("tx-first.hold");
                ChildJvm first = workspace.app("tx-first", TransactionalApp.class,
                        config(workspace, namesrv, topic, jdbcUrl, "send", "first", n, rate).set("hold", hold));
                RecordTail acks = new RecordTail(workspace.path("tx-first.records"));
                RecordTail local = new RecordTail(workspace.path("tx-first.local"));
                // Killed with transactions between their half message and their outcome, both before their row (a
                // check-back must roll them back) and after it was committed (committed): the transactions that start
                // once half completed stay there; a kill merely timed to find such transactions found them by chance
                Waits.until("half of the transactions completed", PATIENCE, () -> acks.count("A") >= n / 2);
                Files.createFile(hold);
                Waits.until("transactions held before their row and after it", PATIENCE,
                        () -> local.count("HB") > 0 && local.count("HA") > 0);
                long killMicros = RecordFile.nowMicros();
                first.kill();
                workspace.app("tx-second", TransactionalApp.class,
                        config(workspace, namesrv, topic, jdbcUrl, "check", "second", n, rate));

                // Every decided transaction is delivered once the check-backs about the killed one's are answered.
                boolean settled = Waits.untilOrStalled(PATIENCE, Duration.ofSeconds(30), () -> delivered(namesrv, topic).size(),
                        () -> new HashSet<>(delivered(namesrv, topic)).equals(rows(jdbcUrl)));
                List<String> delivered = delivered(namesrv, topic);
                Set<String> rows = rows(jdbcUrl);
                List<Record> checks = Record.read(workspace.path("tx-second.checks"), "second");
                List<String> acknowledged = Record.read(workspace.path("tx-first.records"), "first").stream()
                        .filter(r -> r.type().equals("A")).map(Record::id).toList();

                Result result = new Result(number(), "local transaction in H2, check-back answered by a new instance");
                result.n = n;
                result.acknowledged = acknowledged.size();
                result.stored = (int) delivered.stream().distinct().count();
                result.lost = Tally.missing(rows, delivered).size();
                result.duplicates = Tally.duplicates(delivered);
                Set<String> extra = Tally.missing(new HashSet<>(delivered), rows);
                result.note(rows.size() + " committed rows, " + result.stored + " messages delivered, " + extra.size()
                        + " delivered without a row");
                result.note("killed after " + acknowledged.size() + " completed transactions; the new instance answered "
                        + checks.stream().filter(c -> c.field(0).equals("COMMIT")).count() + " check-backs COMMIT and "
                        + checks.stream().filter(c -> c.field(0).equals("ROLLBACK")).count() + " ROLLBACK and "
                        + checks.stream().filter(c -> c.field(0).equals("UNKNOWN")).count() + " UNKNOWN");
                checks.stream().mapToLong(Record::micros).max().ifPresent(last ->
                        result.note("last check-back answered " + (last - killMicros) / 1000 + " ms after the kill"));
                result.require(extra.isEmpty(), "no message delivered without its row");
                result.require(Tally.missing(acknowledged, delivered).isEmpty(), "every completed transaction delivered");
                result.require(settled, "delivered messages equal committed rows within " + PATIENCE.toSeconds() + " s");
                result.note(local.count("HB") + " transaction(s) held before their row and " + local.count("HA")
                            + " after it at the kill");
                result.require(checks.stream().anyMatch(c -> c.field(0).equals("COMMIT"))
                               && checks.stream().anyMatch(c -> c.field(0).equals("ROLLBACK")),
                        "the new instance's check-backs committed a transaction the kill left after its row and rolled"
                        + " back one it left before");
                workspace.keepIfMissed(List.of(result));
                return List.of(result);
            } finally {
                database.stop();
            }
        }
    }

    private static AppConfig config(Workspace workspace, String namesrv, String topic, String jdbcUrl, String mode,
            String name, int n, int rate) {
        return new AppConfig().set("namesrv", namesrv).set("jdbcUrl", jdbcUrl).set("mode", mode)
                .set("workBeforeCommitMs", 10).set("workAfterCommitMs", 50)
                .set("checkRecords", workspace.path("tx-" + name + ".checks"))
                .set("localRecords", workspace.path("tx-" + name + ".local"))
                .set("tx.topic", topic)
                .set("tx.options", "transactional=true&localTransaction=direct:local&transactionChecker=direct:check")
                .set("tx.threads", 8).set("tx.inflight", 8).set("tx.count", n).set("tx.rate", rate).set("tx.retry", false)
                .set("tx.records", workspace.path("tx-" + name + ".records"));
    }

    private static List<String> delivered(String namesrv, String topic) {
        try {
            return Tally.storedIds(TopicReader.readAll(namesrv, topic, PATIENCE));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + topic + " back", e);
        }
    }

    private static Set<String> rows(String jdbcUrl) {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "sa", "");
                Statement select = db.createStatement();
                ResultSet ids = select.executeQuery("SELECT id FROM orders")) {
            Set<String> rows = new HashSet<>();
            while (ids.next()) {
                rows.add(ids.getString(1));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the committed rows", e);
        }
    }
}
