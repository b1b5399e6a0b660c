package io.rocketcamel.reliability;

import io.rocketcamel.broker.LoopbackPorts;
import io.rocketcamel.broker.RunnerProcess;
import io.rocketcamel.reliability.app.RecordFile;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Scenario 7: the name server is killed with {@code kill -9} under a running sender and consumer, and restarted on its
 * address a few seconds later. The running routes go on with the routes their clients cached; routes started once it
 * is back (a sender to another topic, a consumer of a new group) work as soon as the broker has registered again
 * (every {@code registerNameServerPeriod}: RocketMQ's 30 s, 10 s here).
 */
final class NameServerKillScenario implements Scenario {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Duration STALL = Duration.ofSeconds(30);

    @Override
    public String number() {
        return "7";
    }

    @Override
    public String description() {
        return "A name server on a fixed port and a broker (`registerNameServerPeriod=10000`: it re-registers every 10 s "
                + "instead of 30 s) as separate processes; a sender process (SYNC, 2 threads, paced) and a consumer process "
                + "run. Once a quarter is acknowledged the name server is killed; sends and consumption must go on with the "
                + "routes the clients cached; once half is acknowledged it is restarted on its port. Then a new sender (to "
                + "another topic) and a consumer of a new group start, and must work as soon as the broker has registered "
                + "again.";
    }

    @Override
    public String title() {
        return "Name server kill -9 and restart";
    }

    private static Long firstAfter(List<Record> records, long micros) {
        return records.stream().mapToLong(Record::micros).min().stream().map(first -> (first - micros) / 1000).boxed()
                .findFirst().orElse(null);
    }

    @Override
    public List<Result> run(Size size, boolean keep) throws Exception {
        boolean full = size == Size.FULL;
        int n = full ? 6_000 : 1_500;
        int rate = full ? 300 : 150;
        int newCount = full ? 500 : 100;
        try (Workspace workspace = Workspace.create("s7", keep)) {
            List<String> namesrvArgs = List.of("--namesrv-only", "--port", Integer.toString(LoopbackPorts.free()));
            RunnerProcess namesrvProcess = workspace.node("namesrv", namesrvArgs);
            String namesrv = namesrvProcess.namesrvAddr();
            workspace.node("broker", List.of("--namesrv", namesrv, "--store", workspace.path("store").toString(),
                    "--topic", "s7-orders:4", "--topic", "s7-new:4", "--property", "registerNameServerPeriod=10000"));
            Consumers consumer = new Consumers(workspace, "consumer", namesrv, "s7-orders", "consumerGroup=s7-running", 1).start();
            Senders senders = new Senders(workspace, "sender")
                    .add(new Senders.Load("running", "s7-orders", "sendMode=SYNC", 2, 2, n, rate, 1)).start(namesrv, 300);

            Waits.until("a quarter of the messages acknowledged", PATIENCE, () -> senders.acknowledged() >= n / 4);
            long killMicros = RecordFile.nowMicros();
            namesrvProcess.kill();
            boolean continued = Waits.untilOrStalled(PATIENCE, Duration.ofSeconds(15), senders::acknowledged,
                    () -> senders.acknowledged() >= n / 2);
            long restartMicros = RecordFile.nowMicros();
            workspace.node("namesrv", namesrvArgs);

            Senders newSender = new Senders(workspace, "new-sender")
                    .add(new Senders.Load("new", "s7-new", "sendMode=SYNC", 1, 1, newCount, 50, 1));
            Consumers newConsumer = new Consumers(workspace, "new-consumer", namesrv, "s7-orders",
                    "consumerGroup=s7-new&consumeFromWhere=FIRST_OFFSET", 0);
            CompletableFuture.allOf(Background.run(() -> newSender.start(namesrv, 180)),
                    Background.run(newConsumer::start)).join();
            int exit = senders.process().awaitExit(Duration.ofSeconds(300));
            int newExit = newSender.process().awaitExit(Duration.ofSeconds(180));

            List<String> acknowledged = senders.acknowledgedIds("running");
            List<String> stored = Tally.storedIds(TopicReader.readAll(namesrv, "s7-orders", PATIENCE));
            boolean consumed = Waits.untilOrStalled(PATIENCE, STALL, consumer::processed,
                    () -> Set.copyOf(Tally.ids(consumer.records(false))).containsAll(stored));
            boolean consumedNew = Waits.untilOrStalled(PATIENCE, STALL, newConsumer::processed,
                    () -> Set.copyOf(Tally.ids(newConsumer.records(false))).containsAll(stored));
            List<Record> processed = consumer.records(false);
            List<Record> acks = senders.records("running", "A");

            Result running = new Result(number(), "running SYNC sender (2 threads) and consumer through the outage");
            running.count(n, acknowledged, stored, Tally.ids(processed));
            running.outageMillis = Tally.longestGap(acks.stream().map(Record::micros).toList()).millis();
            long ackedMeanwhile = acks.stream().filter(r -> r.micros() > killMicros && r.micros() < restartMicros).count();
            long processedMeanwhile = processed.stream().filter(r -> r.micros() > killMicros && r.micros() < restartMicros).count();
            running.note("name server down " + (restartMicros - killMicros) / 1000 + " ms: meanwhile " + ackedMeanwhile
                    + " sends acknowledged and " + processedMeanwhile + " messages processed; "
                    + senders.records("running", "F").size() + " send failures seen by callers");
            running.require(continued && ackedMeanwhile > 0, "sends go on while the name server is down");
            running.require(processedMeanwhile > 0, "consumption goes on while the name server is down");
            running.require(exit == 0, "every message acknowledged within the deadline (sender exit code " + exit + ")");
            running.require(consumed, "the consumer processes every stored message");

            List<String> newAcknowledged = newSender.acknowledgedIds("new");
            List<String> newStored = Tally.storedIds(TopicReader.readAll(namesrv, "s7-new", PATIENCE));
            List<Record> newAcks = newSender.records("new", "A");
            List<Record> newProcessed = newConsumer.records(false);
            Result newRoute = new Result(number(), "new SYNC sender to another topic, started after the restart");
            newRoute.count(newCount, newAcknowledged, newStored, null);
            newRoute.takeoverMillis = firstAfter(newAcks, restartMicros);
            newRoute.note("takeover: from the name server's restart to the first acknowledgement; "
                    + newSender.records("new", "F").size() + " send failures before and after");
            newRoute.require(newExit == 0, "the new sender's messages acknowledged (exit code " + newExit + ")");

            Result newGroup = new Result(number(), "new consumer group, started after the restart, from the first offset");
            newGroup.count(n, null, stored, Tally.ids(newProcessed));
            newGroup.takeoverMillis = firstAfter(newProcessed, restartMicros);
            newGroup.note("takeover: from the name server's restart to the group's first message");
            newGroup.require(consumedNew, "the new consumer group processes every stored message");
            List<Result> rows = List.of(running, newRoute, newGroup);
            workspace.keepIfMissed(rows);
            return rows;
        }
    }
}
