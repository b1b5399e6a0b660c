package io.rocketcamel.reliability;

import io.rocketcamel.broker.RunnerProcess;
import io.rocketcamel.reliability.app.RecordFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.rocketmq.client.consumer.store.OffsetSerializeWrapper;

/**
 * Scenarios 2 and 3: a consumer process is killed with {@code kill -9} in the middle of a stream. CLUSTERING
 * (CONCURRENTLY, ORDERLY): a second instance of the group, running beside it, takes over its queues; nothing may be
 * lost, ORDERLY must keep every key's order of first processing, and the takeover time is measured (scenario 3: the
 * broker's ORDERLY queue locks). BROADCASTING: the killed node is restarted and must resume from its own offsets,
 * while the other node gets everything too.
 */
final class ConsumerKillScenario implements Scenario {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Duration STALL = Duration.ofSeconds(20);
    /** How long a broadcasting node may take to save its progress: the client writes its offsets every 5 s. */
    private static final Duration SAVED_PROGRESS = Duration.ofSeconds(30);
    /** The control's lost messages never come: it waits this long without progress, not STALL. */
    private static final Duration CONTROL_STALL = Duration.ofSeconds(10);
    private static final int KEYS = 64;
    /** Retries after 1 s, 1 s, 2 s, ...: a copy refused while its key's claim is pending comes back within seconds. */
    private static final String FAST_RETRIES = "messageDelayLevel=1s 1s 1s 2s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m";
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(3);

    /**
     * A consumer group of the scenario: its consume mode, topic suffix, row name, work per message, app settings and
     * endpoint options beyond the group and the mode.
     */
    private record Group(String mode, String suffix, String variant, int workMs, Map<String, Object> settings,
                         String options) {

        /**
         * Work long enough that the killed instance has messages in its route at the kill (1 ms left none in most
         * runs, and a consumer acknowledging before its route ran passed): 50 ms over 20 threads, or 20 ms a queue
         * ORDERLY, which then keeps each of its queues busy.
         */
        static Group plain(String mode) {
            return new Group(mode, "", "CLUSTERING " + mode + ", 2 instances, " + KEYS + " keys on 8 queues",
                    mode.equals("ORDERLY") ? 20 : 50, Map.of(), "");
        }

        /**
         * The broker shares out messages, not queues: the killed instance's popped messages come back to the survivor
         * once their invisible time (here the shortest allowed, 5 s) has passed.
         */
        static Group pop() {
            return new Group("POP", "", "CLUSTERING POP, 2 instances, popInvisibleTime=5 s, " + KEYS + " keys on 8 queues",
                    50, Map.of(), "&popInvisibleTime=5000");
        }

        /** Deduplicating by message id through a repository topic of its own; claimTimeout 0 is the control. */
        static Group idempotent(Duration claimTimeout) {
            String suffix = claimTimeout.isZero() ? "-idempotent-control" : "-idempotent";
            return new Group("CONCURRENTLY", suffix,
                    "CLUSTERING CONCURRENTLY, 2 instances, idempotent consumer by message id,"
                    + (claimTimeout.isZero() ? " claimTimeout=0 (claims final at once, as Camel's eager idempotent"
                    + " consumer; control)" : " claimTimeout=" + claimTimeout.toSeconds() + " s"),
                    50, Map.of("idempotentTopic", "s2-keys" + suffix, "claimTimeoutMs", claimTimeout.toMillis()), "");
        }

        String topic() {
            return "s2-" + mode.toLowerCase() + suffix;
        }
    }

    @Override
    public String number() {
        return "2";
    }

    @Override
    public List<String> numbers() {
        return List.of("2", "3");
    }

    @Override
    public String description() {
        return "One name server and broker process; the orchestrator sends a paced stream with the official client, 64 "
                + "keys, key SEQ % 64 always on the same queue of 8. CLUSTERING: two consumer processes of one group "
                + "(`consumeMode=CONCURRENTLY`, then `ORDERLY`, then `POP` with `popInvisibleTime=5s`) consume it, "
                + "50 ms a message (ORDERLY 20 ms); once the first has processed a quarter, each message that starts "
                + "in its route stays there, and once one does it is killed and the second takes over its queues: at "
                + "least one message must have been in the killed instance's route. Every stored message must "
                + "be processed, and with ORDERLY "
                + "every key's messages must be processed for the first time in order. Takeover is from the kill to the "
                + "second instance's first message from a queue the first owned. BROADCASTING: two nodes of one group "
                + "(`messageModel=BROADCASTING`, each its own `offsetStoreDir`) with offsets already on disk; the stream "
                + "runs at least 12 s; the first node is killed once it processed a third and its saved offsets are past "
                + "where the stream began on every queue (waited for, up to 30 s: the client writes every 5 s), and "
                + "restarted at once. It must have been killed mid-stream with that progress on disk, must resume on each "
                + "queue at or after the offset saved at the kill, and it and the other node must both process every "
                + "message. Warm-up messages (left out of the counts) make sure every consumer "
                + "consumes before the stream starts. The full run adds a broadcasting node killed before any of its "
                + "progress was written (the client writes offsets 10 s after its start, then every 5 s; the component "
                + "writes each queue's starting offset at once), and scenario 3 again on a broker "
                + "with RocketMQ's own 60 s queue lock lifetime (`-Drocketmq.broker.rebalance.lockMaxLiveTime=60000`). "
                + "Idempotent consumers: the CONCURRENTLY run again with each instance's route an idempotent consumer by "
                + "message id on a shared `RocketMQIdempotentRepository` topic, 50 ms of work per message (so exchanges are "
                + "in progress at the kill) and the broker's retries after 1 s, 1 s, 2 s, ... With `claimTimeout` the killed "
                + "instance's pending claims are taken over 3 s after they were stored and its messages processed by the "
                + "other; the control (full run only), `claimTimeout=0` (a claim final once it wins), must lose the messages "
                + "whose exchanges the kill cut short: their keys stay claimed and their redeliveries are skipped as "
                + "duplicates.";
    }

    @Override
    public String title() {
        return "Consumer kill -9 mid-stream, another instance takes over; ORDERLY takeover time";
    }

    @Override
    public List<Result> run(Size size, boolean keep) throws Exception {
        boolean full = size == Size.FULL;
        int n = full ? 6_000 : 1_500;
        int rate = full ? 1_000 : 500;
        List<Result> results = new ArrayList<>();
        try (Workspace workspace = Workspace.create("s2", keep)) {
            RunnerProcess broker = workspace.node("broker", List.of("--port", "0", "--store", workspace.path("store").toString(),
                    "--topic", "s2-concurrently:8", "--topic", "s2-orderly:8", "--topic", "s2-pop:8", "--topic", "s2-broadcast:4",
                    "--topic", "s2-broadcast-early1:4", "--topic", "s2-broadcast-early2:4", "--topic", "s2-broadcast-early3:4",
                    "--topic", "s2-concurrently-idempotent:8", "--topic", "s2-concurrently-idempotent-control:8",
                    "--topic", "s2-keys-idempotent:4", "--topic", "s2-keys-idempotent-control:4", "--property", FAST_RETRIES));
            String namesrv = broker.namesrvAddr();
            try (RawStream stream = new RawStream(namesrv)) {
                results.add(clustering(workspace, stream, namesrv, Group.plain("CONCURRENTLY"), n, rate, "", STALL));
                Result orderly = clustering(workspace, stream, namesrv, Group.plain("ORDERLY"), n, rate, "", STALL);
                results.add(orderly);
                results.add(takeover(orderly, "5 s (the embedded broker's default)", true));
                results.add(clustering(workspace, stream, namesrv, Group.pop(), n, rate, "", STALL));
                results.add(clustering(workspace, stream, namesrv, Group.idempotent(CLAIM_TIMEOUT), n, rate, "", STALL));
                if (full) {
                    Result control = clustering(workspace, stream, namesrv, Group.idempotent(Duration.ZERO), n, rate, "",
                            CONTROL_STALL);
                    control.control = true;
                    results.add(control);
                }
                results.addAll(broadcasting(workspace, stream, namesrv, n, rate, "", true).rows());
                if (full) {
                    results.addAll(earlyBroadcastKill(workspace, stream, namesrv, n, rate));
                }
            }
            if (full) {
                results.add(rocketmqDefaultLocks(workspace, n, rate));
            }
            workspace.keepIfMissed(results);
        }
        return results;
    }

    /** Scenario 3 on a broker with RocketMQ's own 60 s lock lifetime: what a real cluster does by default. */
    private Result rocketmqDefaultLocks(Workspace workspace, int n, int rate) throws Exception {
        RunnerProcess broker = workspace.node("broker-60s", List.of("--port", "0", "--store", workspace.path("store-60s").toString(),
                "--topic", "s2-orderly:8"), "-Drocketmq.broker.rebalance.lockMaxLiveTime=60000");
        try (RawStream stream = new RawStream(broker.namesrvAddr())) {
            Result orderly = clustering(workspace, stream, broker.namesrvAddr(), Group.plain("ORDERLY"), n, rate, "-60s",
                    Duration.ofSeconds(90));
            Result takeover = takeover(orderly, "60 s (RocketMQ's default, -Drocketmq.broker.rebalance.lockMaxLiveTime=60000)", false);
            takeover.lost = orderly.lost;
            takeover.inversions = orderly.inversions;
            takeover.require(orderly.unmet.isEmpty(), "the surviving instance processes the rest");
            return takeover;
        } finally {
            broker.close();
        }
    }

    /** @param stall how long the survivor may make no progress: longer than the broker keeps the dead one's locks */
    private Result clustering(Workspace workspace, RawStream stream, String namesrv, Group group, int n, int rate,
            String label, Duration stall) throws Exception {
        String mode = group.mode();
        String topic = group.topic();
        String options = "consumerGroup=" + topic + "&consumeMode=" + mode + group.options();
        String name = mode.toLowerCase() + group.suffix() + label;
        Consumers first = new Consumers(workspace, name + "-a", namesrv, topic, options, group.workMs());
        Consumers second = new Consumers(workspace, name + "-b", namesrv, topic, options, group.workMs());
        group.settings().forEach((key, value) -> {
            first.with(key, value);
            second.with(key, value);
        });
        startAll(first, second);
        warmUp(stream, topic, List.of(first, second), true);

        CompletableFuture<Void> sending = stream.stream(topic, mode.toLowerCase() + group.suffix(), n, rate, KEYS);
        // killed with messages in its route, the ones at risk: a kill that merely follows a look at the route found it
        // empty in some clean-clone runs (the messages seen finished before the kill landed, on a busy machine)
        Waits.until("the first instance processed a quarter of the stream", PATIENCE,
                () -> first.records(false).size() >= n / 4);
        first.holdInRoute();
        Waits.until("a message held in the first instance's route", PATIENCE, () -> first.held() > 0);
        long killMicros = RecordFile.nowMicros();
        first.kill();
        sending.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        List<String> stored = storedIds(namesrv, topic);
        boolean complete = Waits.untilOrStalled(PATIENCE.plus(stall), stall, second::processed,
                () -> processedIds(first, second).containsAll(stored));
        second.kill();

        List<Record> processed = Stream.concat(first.records(false).stream(), second.records(false).stream()).toList();
        Result result = new Result(number(), group.variant());
        result.count(n, null, stored, Tally.ids(processed));
        result.inversions = Tally.inversions(processed, KEYS);
        result.inversionsInformational = !mode.equals("ORDERLY");
        result.takeoverMillis = takeoverMillis(first, second, killMicros);
        result.note("killed the first instance after it processed " + first.records(false).size() + " messages");
        if (result.inversionsInformational) {
            result.note("inversions not judged: " + mode + " promises no order");
        }
        result.require(complete, "the surviving instance processes the rest (progress stalled for " + stall.toSeconds() + " s)");
        // a short read-back would shrink what every other count is judged against
        result.require(result.stored == n, "every message of the stream stored and read back (" + result.stored + " of "
                                           + n + ")");
        // with nothing in flight at the kill, a consumer that acknowledged before its route ran would pass
        int atRisk = first.startedNotProcessed().size();
        result.note(atRisk + " message(s) in the killed instance's route at the kill, " + first.held() + " held there");
        result.require(atRisk > 0, "messages in the killed instance's route at the kill (none: the row proved"
                                   + " nothing)");
        return result;
    }

    /**
     * Scenario 3's row: how long the killed instance's queues stayed without a consumer. With the embedded broker's
     * lock lifetime it must be a few seconds; with RocketMQ's 60 s it is measured, not judged.
     */
    private static Result takeover(Result orderly, String lockLifetime, boolean judged) {
        Result result = new Result("3", "ORDERLY takeover, broker's queue lock lifetime " + lockLifetime);
        result.takeoverMillis = orderly.takeoverMillis;
        result.note("from the kill to the surviving instance's first message from a queue the killed one owned");
        if (judged) {
            result.require(orderly.takeoverMillis != null && orderly.takeoverMillis < 15_000, "takeover within 15 s");
        }
        return result;
    }

    /**
     * From the kill to the survivor's first message from a queue the killed instance was consuming just before (its
     * queues of the last 2 s, after the start-up rebalance).
     */
    private static Long takeoverMillis(Consumers killed, Consumers survivor, long killMicros) {
        Set<String> owned = killed.records(false).stream().filter(r -> r.micros() > killMicros - 2_000_000)
                .map(r -> r.field(0) + "/" + r.field(1)).collect(Collectors.toSet());
        return survivor.records(false).stream().filter(r -> r.micros() > killMicros)
                .filter(r -> owned.contains(r.field(0) + "/" + r.field(1)))
                .mapToLong(r -> (r.micros() - killMicros) / 1000).min().stream().boxed().findFirst().orElse(null);
    }

    /**
     * A broadcasting node killed before any of its progress through the stream was written (the client writes offsets
     * 10 s after its start, then every 5 s), so that only the offsets it started from are on disk: a question of
     * timing, so tried again (on a fresh topic) when a slow machine let the client write first.
     */
    private List<Result> earlyBroadcastKill(Workspace workspace, RawStream stream, String namesrv, int n, int rate)
            throws Exception {
        BroadcastRun run = null;
        for (int attempt = 1; attempt <= 3 && (run == null || run.progressOnDisk()); attempt++) {
            run = broadcasting(workspace, stream, namesrv, n, rate, "-early" + attempt, false);
        }
        run.rows().get(0).require(!run.progressOnDisk(), "killed before its progress was written (not reached in 3"
                + " attempts: the machine was too slow)");
        return run.rows();
    }

    /** The rows of a broadcasting run, and whether the killed node's offsets on disk were past where it started. */
    private record BroadcastRun(List<Result> rows, boolean progressOnDisk) {
    }

    /**
     * @param settled kill the node once its offsets are on disk, as a node that has been running for a while; else
     *                as soon as it processes the stream, before the client writes its progress (10 s after its start)
     */
    private BroadcastRun broadcasting(Workspace workspace, RawStream stream, String namesrv, int n, int rate, String label,
            boolean settled) throws Exception {
        String topic = "s2-broadcast" + label;
        String group = "s2-broadcast" + label;
        Path offsets = workspace.path("broadcast" + label + "-1-offsets");
        Consumers restarted = broadcastNode(workspace, namesrv, topic, group, "broadcast" + label + "-1");
        Consumers other = broadcastNode(workspace, namesrv, topic, group, "broadcast" + label + "-2");
        startAll(restarted, other);
        warmUp(stream, topic, List.of(restarted, other), false);
        if (settled) {
            // A long-running node has its offsets on disk; the client first writes them 10 s after its start.
            Waits.until("the first node's offsets of all 4 queues on disk", Duration.ofSeconds(60),
                    () -> persistedOffsets(offsets).size() >= 4);
        }

        // settled: a stream of at least 12 s, so that the client (writing every 5 s) saves progress through it mid-stream
        int streamRate = settled ? Math.max(1, Math.min(rate, n / 12)) : rate;
        CompletableFuture<Void> sending = stream.stream(topic, "broadcast", n, streamRate, KEYS);
        Waits.until("the first node processed " + (settled ? "a third of the stream" : "20 messages"), PATIENCE,
                () -> restarted.records(false).size() >= (settled ? n / 3 : 20));
        if (settled) {
            // its progress through the stream on disk: each queue's saved offset past the first it processed of the stream
            Waits.within(SAVED_PROGRESS, () -> pastOnEvery(persistedOffsets(offsets), firstOffsets(restarted.records(false))));
        }
        Map<Integer, Long> onDisk = persistedOffsets(offsets);
        long killMicros = RecordFile.nowMicros();
        restarted.kill();
        restarted.start();
        long restartMicros = RecordFile.nowMicros();
        sending.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        List<String> stored = storedIds(namesrv, topic);
        boolean completeRestarted = Waits.untilOrStalled(PATIENCE, STALL, restarted::processed,
                () -> processedIds(restarted).containsAll(stored));
        boolean completeOther = Waits.untilOrStalled(PATIENCE, STALL, other::processed,
                () -> processedIds(other).containsAll(stored));
        restarted.kill();
        other.kill();

        List<Record> before = restarted.records(false).stream().filter(r -> r.micros() < killMicros).toList();
        List<Record> after = restarted.records(false).stream().filter(r -> r.micros() > restartMicros).toList();
        Result node = broadcastResult(settled ? "BROADCASTING, node killed and restarted"
                : "BROADCASTING, node killed and restarted before its progress was written", n, stored,
                restarted.records(false));
        Map<Integer, Long> firstInStream = firstOffsets(before);
        boolean progressOnDisk = firstInStream.entrySet().stream()
                .anyMatch(first -> onDisk.getOrDefault(first.getKey(), -1L) > first.getValue());
        // where the restarted node began on each queue it consumed from again, against the offset saved at the kill
        Map<Integer, Long> resumedAt = firstOffsets(after);
        Map<Integer, Long> resumedBehind = new TreeMap<>();
        resumedAt.forEach((queue, offset) -> {
            if (offset < onDisk.getOrDefault(queue, -1L)) {
                resumedBehind.put(queue, offset);
            }
        });
        node.note("offsets on disk at the kill " + new TreeMap<>(onDisk) + "; processed " + before.size()
                + " before the kill, " + after.size() + " after the restart");
        node.note("after the restart it began at " + offsets(after, Math::min) + " (queue offsets; before the kill it reached "
                + offsets(before, Math::max) + ")");
        node.require(completeRestarted, "the restarted node processes the rest (progress stalled for " + STALL.toSeconds() + " s)");
        if (settled) {
            node.require(pastOnEvery(onDisk, firstInStream), "killed after its progress through the stream was on disk on"
                    + " every queue (offsets at the kill " + new TreeMap<>(onDisk) + ", first stream offsets "
                    + new TreeMap<>(firstInStream) + ", waited up to " + SAVED_PROGRESS.toSeconds() + " s)");
            node.require(before.size() < stored.size(), "killed mid-stream (processed " + before.size() + " of "
                    + stored.size() + " before the kill)");
            node.require(resumedBehind.isEmpty(), "resumed from its own saved offsets, not before them (began at "
                    + new TreeMap<>(resumedAt) + ", saved " + new TreeMap<>(onDisk) + ")");
        }
        Result survivor = broadcastResult("BROADCASTING, the other node", n, stored, other.records(false));
        survivor.require(completeOther, "the other node processes everything");
        return new BroadcastRun(List.of(node, survivor), progressOnDisk);
    }

    /** Per queue id, the lowest queue offset among these records. */
    private static Map<Integer, Long> firstOffsets(List<Record> records) {
        return records.stream().collect(Collectors.toMap(r -> Integer.parseInt(r.field(1)), r -> Long.parseLong(r.field(2)),
                Math::min, TreeMap::new));
    }

    /** Whether some queue has a first offset, and on every such queue the saved offset is past it. */
    private static boolean pastOnEvery(Map<Integer, Long> saved, Map<Integer, Long> first) {
        return !first.isEmpty() && first.entrySet().stream().allMatch(f -> saved.getOrDefault(f.getKey(), -1L) > f.getValue());
    }

    private Result broadcastResult(String variant, int n, List<String> stored, List<Record> processed) {
        return new Result(number(), variant).count(n, null, stored, Tally.ids(processed));
    }

    /** Per queue, the lowest or highest offset processed, e.g. {@code {q0=12, q1=11}}. */
    private static String offsets(List<Record> records, BinaryOperator<Long> pick) {
        return records.stream().collect(Collectors.toMap(r -> "q" + r.field(1), r -> Long.parseLong(r.field(2)), pick,
                TreeMap::new)).toString();
    }

    /** Per queue id, the offsets in the offset files under the directory (empty while there are none). */
    private static Map<Integer, Long> persistedOffsets(Path dir) {
        Map<Integer, Long> offsets = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return offsets;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                OffsetSerializeWrapper stored = OffsetSerializeWrapper.fromJson(Files.readString(file),
                        OffsetSerializeWrapper.class);
                stored.getOffsetTable().forEach((queue, offset) -> offsets.merge(queue.getQueueId(), offset.get(), Math::max));
            }
        } catch (IOException e) {
            // being replaced at this moment: looked at again at the next poll
        }
        return offsets;
    }

    private static Consumers broadcastNode(Workspace workspace, String namesrv, String topic, String group, String name) {
        return new Consumers(workspace, name, namesrv, topic, "consumerGroup=" + group + "&messageModel=BROADCASTING"
                + "&offsetStoreDir=" + workspace.path(name + "-offsets"), 1);
    }

    private static void startAll(Consumers... consumers) {
        Stream.of(consumers).map(c -> Background.run(c::start)).toList().forEach(CompletableFuture::join);
    }

    /**
     * Sends a warm-up message to every queue until one round was processed completely and every consumer got some of
     * it (CLUSTERING: each its own queues) or all of it (BROADCASTING): from then on every queue is being consumed.
     */
    private static void warmUp(RawStream stream, String topic, List<Consumers> consumers, boolean shared) throws Exception {
        for (int round = 0; round < 30; round++) {
            List<String> ids = stream.warmUp(topic, round);
            String prefix = "warm-" + round + "-";
            boolean done = Waits.untilOrStalled(Duration.ofSeconds(20), Duration.ofSeconds(10),
                    () -> consumers.stream().mapToInt(Consumers::processed).sum(),
                    () -> shared ? warmIds(consumers, prefix).containsAll(ids)
                            : consumers.stream().allMatch(c -> warmIds(List.of(c), prefix).containsAll(ids)));
            if (done && consumers.stream().allMatch(c -> !warmIds(List.of(c), prefix).isEmpty())) {
                return;
            }
        }
        throw new IllegalStateException("The consumers of " + topic + " did not all consume within 30 warm-up rounds");
    }

    private static Set<String> warmIds(List<Consumers> consumers, String prefix) {
        return consumers.stream().flatMap(c -> c.records(true).stream()).map(Record::id).filter(id -> id.startsWith(prefix))
                .collect(Collectors.toSet());
    }

    private static Set<String> processedIds(Consumers... consumers) {
        Set<String> ids = new HashSet<>();
        for (Consumers consumer : consumers) {
            consumer.records(false).forEach(r -> ids.add(r.id()));
        }
        return ids;
    }

    private static List<String> storedIds(String namesrv, String topic) throws Exception {
        return Tally.storedIds(TopicReader.readAll(namesrv, topic, PATIENCE)).stream().filter(id -> !RawStream.isWarmUp(id))
                .toList();
    }
}
