package io.rocketcamel.reliability;

import io.rocketcamel.broker.LoopbackPorts;
import io.rocketcamel.broker.RunnerProcess;
import io.rocketcamel.reliability.app.RecordFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Scenario 1: the broker is killed with {@code kill -9} in the middle of a stream and restarted on the same store
 * and address, under SYNC, ASYNC and auto-batched senders of several threads each; once with SYNC_FLUSH, once with
 * ASYNC_FLUSH. Every acknowledged exchange must be stored. A ONEWAY sender through the same kind of kill is the
 * control: nothing confirms a oneway send, so the check must report the messages it lost.
 */
final class BrokerKillScenario implements Scenario {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @Override
    public String number() {
        return "1";
    }

    @Override
    public String description() {
        return "A name server and a broker as separate processes; one sender process with three routes, each to its own "
                + "topic of 8 queues: `sendMode=SYNC` from 4 threads, `sendMode=ASYNC` with up to 512 exchanges in flight, and "
                + "auto-batching (`batchSize=64&batchLingerMs=5`) from 32 threads, each paced. Once a third of the messages "
                + "are acknowledged the broker is killed and at once restarted on the same store and port (a fixed "
                + "`--broker-port`). A sender whose exchange fails sends the message again 100 ms later, as an application "
                + "that must not lose it would; every acknowledged message must be in the store afterwards. Run with "
                + "`--sync-flush` and without (ASYNC_FLUSH: a process kill leaves the page cache, so nothing acknowledged is "
                + "lost either). The control: a `sendMode=ONEWAY` route through the same kind of kill, whose lost messages "
                + "the check must report.";
    }

    @Override
    public String title() {
        return "Broker kill -9 mid-stream, restart on the same store";
    }

    @Override
    public List<Result> run(Size size, boolean keep) throws Exception {
        boolean full = size == Size.FULL;
        int n = full ? 12_000 : 1_500;
        int rate = full ? 1_500 : 500;
        List<Result> results = new ArrayList<>();
        try (Workspace workspace = Workspace.create("s1", keep)) {
            RunnerProcess namesrv = workspace.node("namesrv", List.of("--namesrv-only", "--port", "0"));
            List<String> flushes = full ? List.of("SYNC_FLUSH", "ASYNC_FLUSH") : List.of("SYNC_FLUSH");
            for (String flush : flushes) {
                String t = flush.equals("SYNC_FLUSH") ? "sf" : "af";
                List<Senders.Load> loads = List.of(
                        new Senders.Load("sync-" + t, "s1-sync-" + t, "sendMode=SYNC", 4, 4, n, rate, 1),
                        new Senders.Load("async-" + t, "s1-async-" + t, "sendMode=ASYNC", 1, 512, n, rate, 1),
                        new Senders.Load("batch-" + t, "s1-batch-" + t, "batchSize=64&batchLingerMs=5", 32, 32, n, rate, 1));
                results.addAll(killRun(workspace, namesrv.namesrvAddr(), flush, loads, 3, false));
            }
            int onewayCount = full ? 20_000 : 5_000;
            List<Senders.Load> control = List.of(
                    new Senders.Load("oneway", "s1-oneway", "sendMode=ONEWAY", 4, 4, onewayCount, onewayCount / 2, 1));
            results.addAll(killRun(workspace, namesrv.namesrvAddr(), "ASYNC_FLUSH", control, 4, true));
            workspace.keepIfMissed(results);
        }
        return results;
    }

    /**
     * Starts a broker with the loads' topics, the senders, kills the broker once {@code 1/killAt} of all messages
     * were acknowledged, restarts it at once on the same store and port, waits for the senders to finish and reads
     * every topic back.
     */
    private List<Result> killRun(Workspace workspace, String namesrv, String flush, List<Senders.Load> loads, int killAt,
            boolean control) throws Exception {
        String label = loads.get(0).name();
        List<String> args = new ArrayList<>(List.of("--namesrv", namesrv, "--broker-name", "broker-" + label,
                "--broker-port", Integer.toString(LoopbackPorts.freeBrokerPort()),
                "--store", workspace.path("store-" + label).toString()));
        if (flush.equals("SYNC_FLUSH")) {
            args.add("--sync-flush");
        }
        loads.forEach(load -> args.addAll(List.of("--topic", load.topic() + ":8")));
        RunnerProcess broker = workspace.node("broker-" + label, args);

        // in step: a load the broker serves faster finished before a slower one reached the kill
        Senders senders = new Senders(workspace, "sender-" + label).lockstep(loads.get(0).count() / 10);
        loads.forEach(senders::add);
        senders.start(namesrv, 240);
        // each load's own share: summed, a fast load could finish before the kill and put nothing at risk
        Waits.until("1/" + killAt + " of each load's messages acknowledged", PATIENCE, () -> loads.stream()
                .allMatch(load -> senders.acknowledged(load.name()) >= load.count() / killAt));
        long killMicros = RecordFile.nowMicros();
        broker.kill();
        broker = workspace.node("broker-" + label, args);
        long readyMicros = RecordFile.nowMicros();
        int exit = senders.process().awaitExit(Duration.ofSeconds(240));

        List<Result> results = new ArrayList<>();
        for (Senders.Load load : loads) {
            Result result = new Result(number(), flush + ", " + load.options().replace("&", ", ") + ", "
                    + load.threads() + " threads" + (load.inflight() > load.threads() ? ", " + load.inflight() + " in flight" : ""));
            List<String> acknowledged = senders.acknowledgedIds(load.name());
            List<StoredMessage> stored = TopicReader.readAll(namesrv, load.topic(), PATIENCE);
            List<String> storedIds = Tally.storedIds(stored);
            Set<String> lost = Tally.missing(acknowledged, storedIds);
            List<Record> acks = senders.records(load.name(), "A");
            List<Record> failures = senders.records(load.name(), "F");
            result.count(load.count(), acknowledged, storedIds, null);
            Tally.Gap outage = Tally.longestGap(acks.stream().map(Record::micros).toList());
            result.outageMillis = outage.millis();
            result.control = control;
            result.note("the restarted broker was registered " + millis(readyMicros - killMicros) + " ms after the kill; "
                    + "acknowledgements stopped " + millis(outage.fromMicros() - killMicros) + " ms and resumed "
                    + millis(outage.toMicros() - killMicros) + " ms after it");
            result.note(failures.size() + " send failures seen by callers (each sent again)" + kinds(failures));
            if (!lost.isEmpty()) {
                result.note("lost e.g. " + lost.stream().limit(5).toList());
            }
            result.require(exit == 0, "every message acknowledged within the deadline (sender exit code " + exit + ")");
            result.require(acks.stream().anyMatch(ack -> ack.micros() < killMicros)
                           && acks.stream().anyMatch(ack -> ack.micros() > killMicros),
                    "messages acknowledged before and after the kill (the load was mid-stream)");
            results.add(result);
        }
        return results;
    }

    /** The failures by their root cause (RocketMQ's response code where there is one), most frequent first. */
    static String kinds(List<Record> failures) {
        if (failures.isEmpty()) {
            return "";
        }
        Map<String, Long> byKind = failures.stream().collect(Collectors.groupingBy(f -> kind(f.field(0)), Collectors.counting()));
        return ": " + byKind.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getValue() + " x " + e.getKey()).collect(Collectors.joining("; "));
    }

    private static String kind(String causes) {
        String root = causes.contains(" <- root cause ") ? causes.substring(causes.indexOf(" <- root cause ") + 15) : causes;
        Matcher code = Pattern.compile("CODE: (\\d+)\\s+DESC: ([^,.]{0,60})").matcher(root);
        if (code.find()) {
            return root.substring(0, root.indexOf(':')) + " " + code.group(1) + " (" + code.group(2).trim() + ")";
        }
        Matcher connect = Pattern.compile("^(\\w+): connect to \\S+ failed").matcher(root);
        if (connect.find()) {
            return connect.group(1) + " (connection refused)";
        }
        String generic = root.replaceAll("\\d+", "N");
        return generic.substring(0, Math.min(generic.length(), 100));
    }

    private static long millis(long micros) {
        return micros / 1000;
    }
}
