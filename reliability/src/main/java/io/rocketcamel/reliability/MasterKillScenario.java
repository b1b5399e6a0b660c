package io.rocketcamel.reliability;

import io.rocketcamel.broker.LoopbackPorts;
import io.rocketcamel.broker.RunnerProcess;
import io.rocketcamel.reliability.app.RecordFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Scenarios 5, 6 and 9: one master of a two-group cluster is killed with {@code kill -9} (or hangs) in the middle of a
 * stream of SYNC sends while a consumer that is slower than the senders works through the backlog, then restarted on
 * its store (or resumed).
 * <ul>
 * <li>5, two masters: senders fail over to the other master (nothing acknowledged lost; the failures the callers saw
 * are counted), the consumer keeps consuming the survivor, and the killed master's stored messages are consumed once
 * it is back.</li>
 * <li>6, 2m-2s-sync: every message acknowledged by the killed master is on its slave (replicated before the
 * acknowledgement), the consumer reads the dead master's backlog from the slave, sends go to the other group, and
 * after the restart nothing is missing.</li>
 * <li>9, two masters, one hung: SIGSTOP instead of the kill, SIGCONT instead of the restart. The name server keeps
 * the hung master in its routes and the clients keep their connections, so requests wait out their timeouts instead
 * of failing at once; the senders use sendLatencyFaultEnable.</li>
 * </ul>
 */
final class MasterKillScenario implements Scenario {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Duration STALL = Duration.ofSeconds(30);
    /**
     * A hang lasts at least this long: beyond the clients' 3 s request timeouts, a consumer's 5 s offset commits and
     * the POP group's 5 s invisible time, within the name server's 120 s before it drops a silent broker.
     */
    private static final Duration HANG = Duration.ofSeconds(15);
    /**
     * A hang is known to the clients once a heartbeat to it outlived their 3 s timeout: heartbeats go every 2 s, so
     * within 5 s, and a bit.
     */
    private static final Duration HANG_KNOWN = Duration.ofSeconds(6);
    /**
     * A member that stays takes the queues of one that left within this, while the other broker still hangs: a
     * round that asked the hung broker for the group's members waits out its timeout and RocketMQ's client tries
     * again only 20 s later.
     */
    private static final Duration MEMBER_TAKEOVER = Duration.ofSeconds(5);

    private final boolean withSlaves;
    private final boolean hang;

    private MasterKillScenario(boolean withSlaves, boolean hang) {
        this.withSlaves = withSlaves;
        this.hang = hang;
    }

    static MasterKillScenario twoMasters() {
        return new MasterKillScenario(false, false);
    }

    static MasterKillScenario twoMastersTwoSlavesSync() {
        return new MasterKillScenario(true, false);
    }

    static MasterKillScenario twoMastersOneHung() {
        return new MasterKillScenario(false, true);
    }

    @Override
    public String number() {
        return hang ? "9" : withSlaves ? "6" : "5";
    }

    @Override
    public String title() {
        return hang ? "Two masters: one hangs (SIGSTOP) mid-stream, then resumes"
                : withSlaves ? "2m-2s-sync: a master kill -9 mid-stream, its slave serves its messages"
                : "Two masters: one kill -9 mid-stream, senders and consumers fail over";
    }

    @Override
    public String description() {
        String common = " A consumer process (one group, 20 threads of 50 or 100 ms of work: slower than the sender, so "
                + "a backlog builds up) and a sender process (`sendMode=SYNC`"
                + (hang ? ", `sendLatencyFaultEnable=true`" : "")
                + ", 4 threads, paced) run; once a third is acknowledged broker-a's master is " + (hang
                ? "stopped with SIGSTOP (it stays registered and connected, and answers nothing), once two thirds are "
                  + "acknowledged and it has hung for " + HANG.toSeconds() + " s it is resumed with SIGCONT"
                : "killed, once two thirds are acknowledged it is restarted on its store and port")
                + ". A POP consumer group (`consumeMode=POP`, `popInvisibleTime=5s`, the same work) runs beside "
                + "it and must process every stored message too: what it had popped from broker-a and not acknowledged "
                + (hang ? "when broker-a hung comes back from broker-a once it answers again."
                : "when broker-a died comes back from broker-a's store once it is back.");
        if (hang) {
            return "A name server and two masters, broker-a and broker-b, as separate processes, the topic on both."
                    + common + " A send to broker-a waits out its timeout (3 s), then the sender's latency fault"
                    + " tolerance leaves broker-a out 10 s at a time and sends go to broker-b; the consumer goes on"
                    + " with broker-b, and broker-a's backlog must be consumed once it answers again. Requests broker-a"
                    + " had received when it stopped are answered late, so a send that timed out there may be stored"
                    + " too (a duplicate). A group of two members that keep up consumes a topic of its own (on both"
                    + " brokers, sent to at " + MemberLeave.RATE + " messages a second for 40 s), one member holding"
                    + " broker-a's queues, the other broker-b's; " + HANG_KNOWN.toSeconds() + " s into the hang (the"
                    + " clients know it by then: a heartbeat outlived its timeout) the one holding broker-b's is killed"
                    + " (kill -9), and the other must take broker-b's queues over within " + MEMBER_TAKEOVER.toSeconds()
                    + " s, broker-a still hung: its rebalance asks a broker drawn at random for the group's members,"
                    + " broker-a half of the time. The group must then process every stored message.";
        }
        return withSlaves
                ? "A name server; broker-a and broker-b as `--role SYNC_MASTER` (which in this runner waits for the slave's "
                        + "copy: `inSyncReplicas=2`) and a `--broker-id 1` slave each: five processes, the 2m-2s-sync layout."
                        + common + " Right after the kill, every message broker-a's master had acknowledged is read back "
                        + "from its slave; the consumer must read broker-a's backlog from the slave while the master is down."
                : "A name server and two masters, broker-a and broker-b, as separate processes, the topic on both." + common
                        + " Sends fail over to broker-b (the client retries another broker), the consumer goes on with "
                        + "broker-b, and broker-a's backlog must be consumed once it is back.";
    }

    @Override
    public List<Result> run(Size size, boolean keep) throws Exception {
        boolean full = size == Size.FULL;
        int n = full ? 6_000 : 1_500;
        int rate = full ? 600 : 300;
        String topic = "s" + number() + "-orders";
        try (Workspace workspace = Workspace.create("s" + number(), keep)) {
            String namesrv = workspace.node("namesrv", List.of("--namesrv-only", "--port", "0")).namesrvAddr();
            String membersTopic = topic + "-members";
            String[] topics = hang ? new String[] {topic, membersTopic} : new String[] {topic};
            List<String> masterA = broker(workspace, namesrv, "broker-a", 0, topics);
            RunnerProcess faulty = workspace.node("broker-a", masterA);
            workspace.node("broker-b", broker(workspace, namesrv, "broker-b", 0, topics));
            if (withSlaves) {
                workspace.node("broker-a-s1", broker(workspace, namesrv, "broker-a", 1, topic));
                workspace.node("broker-b-s1", broker(workspace, namesrv, "broker-b", 1, topic));
            }
            // 20 threads of 100 ms (200 messages a second) or 50 ms (400): slower than the senders, so that a
            // backlog builds up on the master that is killed.
            Consumers consumer = new Consumers(workspace, "consumer", namesrv, topic, "consumerGroup=" + topic,
                    full ? 50 : 100).start();
            // the broker shares out messages rather than queues: popped and not acknowledged on broker-a when it dies,
            // they must come back from its store once it is back (or be acknowledged late and revived)
            Consumers pop = new Consumers(workspace, "pop-consumer", namesrv, topic, "consumerGroup=" + topic
                    + "-pop&consumeMode=POP&popInvisibleTime=5000", full ? 50 : 100).start();
            // two members of one group that keep up: one holds broker-a's queues, the other broker-b's (averagely
            // over the queues sorted by broker); the one holding broker-b's is killed while broker-a hangs
            // over a topic of their own, sent to slowly so that the sends go on well past the member's kill
            List<Consumers> members = hang ? List.of(member(workspace, "member-1", namesrv, membersTopic),
                    member(workspace, "member-2", namesrv, membersTopic)) : List.of();
            Senders senders = new Senders(workspace, "sender")
                    .add(new Senders.Load("sync", topic, "sendMode=SYNC" + (hang ? "&sendLatencyFaultEnable=true" : ""),
                            4, 4, n, rate, 1));
            if (hang) {
                senders.add(new Senders.Load(MemberLeave.LOAD, membersTopic,
                        "sendMode=SYNC&sendLatencyFaultEnable=true", 2, 2, MemberLeave.COUNT, MemberLeave.RATE, 1));
            }
            senders.start(namesrv, 300);

            Waits.until("a third of the messages acknowledged", PATIENCE, () -> senders.acknowledged("sync") >= n / 3
                        && members.stream().allMatch(member -> member.processed() > 0));
            long killMicros = RecordFile.nowMicros();
            if (hang) {
                faulty.suspend();
            } else {
                faulty.kill();
            }
            MemberLeave leave = hang ? MemberLeave.whileHung(members, killMicros) : null;
            // The running consumer may hold broker-a's backlog in its prefetch already: a group that starts now
            // can only get broker-a's messages from its slave, or (without one) once broker-a is back.
            Consumers late = new Consumers(workspace, "late-consumer", namesrv, topic,
                    "consumerGroup=" + topic + "-late&consumeFromWhere=FIRST_OFFSET", 0).start();
            long lateStartMicros = RecordFile.nowMicros();
            List<String> ackedOnA = senders.records("sync", "A").stream()
                    .filter(r -> r.micros() < killMicros && r.field(0).equals("broker-a")).map(Record::id).toList();
            Set<String> notOnSlave = withSlaves ? Tally.missing(ackedOnA, Tally.storedIds(
                    TopicReader.read(namesrv, topic, "broker-a"::equals, PATIENCE))) : Set.of();
            boolean lateReadSlave = withSlaves && Waits.untilOrStalled(PATIENCE, STALL, late::processed,
                    () -> Set.copyOf(Tally.ids(late.records(false))).containsAll(ackedOnA));
            long lateReadSlaveMicros = RecordFile.nowMicros();
            Waits.until("two thirds of the messages acknowledged with broker-a " + down()
                        + (hang ? ", for " + HANG.toSeconds() + " s at least" : ""), PATIENCE,
                    () -> senders.acknowledged("sync") >= 2 * n / 3
                          && (!hang || RecordFile.nowMicros() - killMicros >= HANG.toNanos() / 1000));
            long restartMicros = RecordFile.nowMicros();
            if (hang) {
                faulty.resume();
            } else {
                workspace.node("broker-a", masterA);
            }
            int exit = senders.process().awaitExit(Duration.ofSeconds(300));

            List<String> acknowledged = senders.acknowledgedIds("sync");
            List<String> stored = Tally.storedIds(TopicReader.readAll(namesrv, topic, PATIENCE));
            boolean complete = Waits.untilOrStalled(PATIENCE, STALL, consumer::processed,
                    () -> Set.copyOf(Tally.ids(consumer.records(false))).containsAll(stored));
            boolean lateComplete = Waits.untilOrStalled(PATIENCE, STALL, late::processed,
                    () -> Set.copyOf(Tally.ids(late.records(false))).containsAll(stored));
            boolean popComplete = Waits.untilOrStalled(PATIENCE, STALL, pop::processed,
                    () -> Set.copyOf(Tally.ids(pop.records(false))).containsAll(stored));
            List<Record> processed = consumer.records(false);
            List<Record> lateProcessed = late.records(false);
            List<Record> acks = senders.records("sync", "A");

            Result result = new Result(number(), hang
                    ? "2 masters, broker-a hung, SYNC sender 4 threads with sendLatencyFaultEnable, 1 consumer"
                    : withSlaves ? "2 SYNC_MASTERs with a SLAVE each, broker-a's master killed, SYNC sender 4 threads"
                    : "2 masters, broker-a killed, SYNC sender 4 threads, 1 consumer");
            result.count(n, acknowledged, stored, Tally.ids(processed));
            Tally.Gap outage = Tally.longestGap(acks.stream().map(Record::micros).toList());
            result.outageMillis = outage.millis();
            List<Record> failures = senders.records("sync", "F");
            long fromSurvivorMeanwhile = during(processed, killMicros, restartMicros, "broker-b");
            long fromAMeanwhile = during(processed, killMicros, restartMicros, "broker-a");
            long fromAAfterRestart = processed.stream().filter(r -> r.micros() > restartMicros && r.field(0).equals("broker-a")).count();
            long unreplicated = acks.stream().filter(r -> !r.field(2).equals("SEND_OK")).count();
            result.note(failures.size() + " send failures seen by callers (each sent again)"
                    + BrokerKillScenario.kinds(failures) + "; longest time without an "
                    + "acknowledgement " + outage.millis() + " ms, beginning at the " + fault() + " "
                    + signed((outage.fromMicros() - killMicros) / 1000)
                    + " ms");
            result.note("while broker-a was " + down() + " the running consumer processed " + fromSurvivorMeanwhile
                    + " messages from broker-b and " + fromAMeanwhile + " from broker-a (prefetched before the "
                    + fault()
                    + (withSlaves ? " or read from the slave" : "") + "); after the " + back() + " " + fromAAfterRestart
                    + " from broker-a");
            result.note("duplicates: " + Tally.duplicates(stored) + " stored twice, "
                    + Tally.duplicates(Tally.ids(processed)) + " processed twice");
            if (unreplicated > 0) {
                result.note(unreplicated + " sends acknowledged with a status other than SEND_OK");
            }
            result.require(exit == 0, "every message acknowledged within the deadline (sender exit code " + exit + ")");
            result.require(complete, "the consumer processes every stored message (progress stalled for " + STALL.toSeconds() + " s)");
            result.require(fromSurvivorMeanwhile > 0, "consumption goes on from broker-b while broker-a is " + down());
            if (withSlaves) {
                result.note(ackedOnA.size() + " messages acknowledged by broker-a's master before the kill; "
                        + notOnSlave.size() + " of them missing on its slave");
                result.require(!ackedOnA.isEmpty(), "broker-a's master acknowledged messages before the kill (the sender"
                        + " records name broker-a; else the slave checks would pass on nothing)");
                result.require(notOnSlave.isEmpty(), "every message the master acknowledged is on its slave");
            }

            Result lateRow = new Result(number(), "consumer group started while broker-a" + (withSlaves ? "'s master" : "")
                    + " is " + down() + ", from the first offset");
            lateRow.count(n, null, stored, Tally.ids(lateProcessed));
            List<Record> lateFromA = lateProcessed.stream().filter(r -> r.field(0).equals("broker-a")).toList();
            if (withSlaves) {
                long fromSlave = lateFromA.stream().filter(r -> r.micros() < restartMicros).count();
                lateRow.takeoverMillis = lateReadSlave ? (lateReadSlaveMicros - lateStartMicros) / 1000 : null;
                lateRow.note("takeover: from its start to having processed all " + ackedOnA.size() + " messages broker-a's "
                        + "master acknowledged before the kill, read from the slave (" + fromSlave + " messages of broker-a "
                        + "processed before the master's restart)");
                lateRow.require(lateReadSlave, "it reads every message broker-a's master acknowledged from the slave while "
                        + "the master is down");
            } else {
                lateRow.takeoverMillis = lateFromA.stream().mapToLong(Record::micros).min().stream()
                        .map(first -> (first - restartMicros) / 1000).boxed().findFirst().orElse(null);
                lateRow.note("takeover: from broker-a's " + back() + " to the group's first message from broker-a ("
                        + lateFromA.size() + " in all, " + lateFromA.stream().filter(r -> r.micros() < restartMicros).count()
                        + " before the " + back() + ")");
                lateRow.require(!lateFromA.isEmpty() && lateFromA.stream().allMatch(r -> r.micros() > restartMicros),
                        "broker-a's stored messages are consumed once it is back, not before");
            }
            lateRow.require(lateComplete, "the group processes every stored message");

            Result popRow = new Result(number(), "POP consumer group (popInvisibleTime=5 s) running through the "
                    + fault());
            List<Record> popProcessed = pop.records(false);
            popRow.count(n, null, stored, Tally.ids(popProcessed));
            popRow.note("processed " + during(popProcessed, killMicros, restartMicros, "broker-b") + " from broker-b and "
                    + during(popProcessed, killMicros, restartMicros, "broker-a") + " from broker-a while broker-a"
                    + (withSlaves ? "'s master" : "") + " was " + down() + "; " + popProcessed.stream()
                    .filter(r -> r.micros() > restartMicros && r.field(0).equals("broker-a")).count()
                    + " from broker-a after its " + back());
            popRow.require(popComplete, "the group processes every stored message (progress stalled for "
                    + STALL.toSeconds() + " s)");
            List<Result> rows = new ArrayList<>(List.of(result, lateRow, popRow));
            if (hang) {
                rows.add(leave.row(number(), senders.acknowledgedIds(MemberLeave.LOAD),
                        Tally.storedIds(TopicReader.readAll(namesrv, membersTopic, PATIENCE)), restartMicros));
            }
            workspace.keepIfMissed(rows);
            return rows;
        }
    }

    private String down() {
        return hang ? "hung" : "down";
    }

    private String fault() {
        return hang ? "hang" : "kill";
    }

    private String back() {
        return hang ? "resume" : "restart";
    }

    private static String signed(long millis) {
        return millis < 0 ? "- " + -millis : "+ " + millis;
    }

    private static long during(List<Record> processed, long fromMicros, long toMicros, String broker) {
        return processed.stream().filter(r -> r.micros() > fromMicros && r.micros() < toMicros && r.field(0).equals(broker))
                .count();
    }

    /** Masters on fixed ports, so that the restarted one comes back on the same address; slaves on free ones. */
    private static Consumers member(Workspace workspace, String name, String namesrv, String topic) {
        return new Consumers(workspace, name, namesrv, topic, "consumerGroup=" + topic + "-members", 0).start();
    }

    /**
     * A member of a two-member group killed (kill -9) while broker-a hangs, the hang known to the clients: broker-b
     * tells the other member, whose rebalance round draws a broker of each subscribed topic to ask for the group's
     * members, broker-a at random.
     */
    private record MemberLeave(Consumers leaving, Consumers staying, long leftMicros) {

        static final String LOAD = "members";
        static final int RATE = 100;
        /**
         * 40 s of sending at {@link #RATE}: from the start to well past the kill (6 s into a hang that begins a few
         * seconds in) and the resume.
         */
        static final int COUNT = 4_000;
        /**
         * A resumed broker reads the heartbeats the killed member sent it while it hung, some after it handled their
         * connections' close, and lists the member until those connections expire (channelExpiredTimeout, 120 s):
         * meanwhile the member that stays takes only its share of the queues, as broker-a lists the group.
         */
        static final Duration GHOST_PATIENCE = Duration.ofSeconds(180);

        /** Kills the member that holds broker-b's queues, once the hang is known. */
        static MemberLeave whileHung(List<Consumers> members, long hungMicros) {
            Waits.until("broker-a hung for " + HANG_KNOWN.toSeconds() + " s and a member consuming broker-b since",
                    PATIENCE, () -> RecordFile.nowMicros() - hungMicros >= HANG_KNOWN.toNanos() / 1000
                                    && members.stream().anyMatch(member -> fromBSince(member, hungMicros)));
            Consumers leaving = members.stream().filter(member -> fromBSince(member, hungMicros)).findFirst()
                    .orElseThrow();
            Consumers staying = members.get(0) == leaving ? members.get(1) : members.get(0);
            long leftMicros = RecordFile.nowMicros();
            leaving.kill();
            return new MemberLeave(leaving, staying, leftMicros);
        }

        private static boolean fromBSince(Consumers member, long micros) {
            return member.records(false).stream().anyMatch(r -> r.micros() > micros && r.field(0).equals("broker-b"));
        }

        Result row(String number, List<String> acknowledged, List<String> stored, long resumedMicros) {
            boolean complete = Waits.untilOrStalled(GHOST_PATIENCE, GHOST_PATIENCE, staying::processed,
                    () -> Set.copyOf(processed()).containsAll(stored));
            Result row = new Result(number, "a member of a two-member group killed while broker-a is hung");
            row.count(COUNT, acknowledged, stored, processed());
            Long takeover = staying.records(false).stream()
                    .filter(r -> r.micros() > leftMicros && r.field(0).equals("broker-b")).mapToLong(Record::micros)
                    .min().stream().map(first -> (first - leftMicros) / 1000).boxed().findFirst().orElse(null);
            row.takeoverMillis = takeover;
            row.note("takeover: from the kill, " + (resumedMicros - leftMicros) / 1000 + " ms before broker-a's "
                     + "resume, to the other member's first message from broker-b: " + takeover + " ms");
            long lastMicros = staying.records(false).stream().mapToLong(Record::micros).max().orElse(resumedMicros);
            row.note("the group's last message processed " + (lastMicros - resumedMicros) / 1000 + " ms after"
                     + " broker-a's resume (a resumed broker may list the killed member, from heartbeats it read late,"
                     + " until its connections expire, 120 s: the member that stays then holds only its share)");
            boolean whileHung = takeover != null && leftMicros + takeover * 1000 < resumedMicros;
            row.require(whileHung && takeover < MEMBER_TAKEOVER.toMillis(), "the other member takes broker-b's queues"
                        + " over within " + MEMBER_TAKEOVER.toSeconds() + " s, while broker-a still hangs");
            row.require(complete, "the group processes every stored message (progress stalled for "
                        + GHOST_PATIENCE.toSeconds() + " s)");
            return row;
        }

        private List<String> processed() {
            List<String> ids = new ArrayList<>(Tally.ids(leaving.records(false)));
            ids.addAll(Tally.ids(staying.records(false)));
            return ids;
        }
    }

    private List<String> broker(Workspace workspace, String namesrv, String name, int id, String... topics) {
        List<String> args = new ArrayList<>(List.of("--namesrv", namesrv, "--broker-name", name, "--broker-id",
                Integer.toString(id), "--store", workspace.path("store-" + name + "-" + id).toString()));
        for (String topic : topics) {
            args.addAll(List.of("--topic", topic + ":4"));
        }
        if (id == 0) {
            args.addAll(List.of("--broker-port", Integer.toString(LoopbackPorts.freeBrokerPort())));
            if (withSlaves) {
                args.addAll(List.of("--role", "SYNC_MASTER"));
            }
        }
        return args;
    }
}
