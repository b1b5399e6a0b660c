package io.rocketcamel.reliability;

import io.rocketcamel.broker.ChildJvm;
import io.rocketcamel.reliability.app.AppConfig;
import io.rocketcamel.reliability.app.ConsumerApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A consumer process (one route) and what it processed. A restarted instance appends to the same records file; its
 * records are told apart by time.
 */
final class Consumers {

    /**
     * ORDERLY consumers renew their queue locks every 2 s, below the development broker's 5 s lock lifetime, and take
     * a lock for expired 4 s after its last renewal, before the broker lets it go, as docs/cluster-layouts.md
     * recommends for consumers in other JVMs than the embedded broker.
     */
    static final String[] LOCK_RENEWAL = {"-Drocketmq.client.rebalance.lockInterval=2000",
                                          "-Drocketmq.client.rebalance.lockMaxLiveTime=4000"};

    private final Workspace workspace;
    private final String name;
    private final AppConfig config;
    private final RecordTail tail;
    private ChildJvm process;

    Consumers(Workspace workspace, String name, String namesrv, String topic, String options, int workMs) {
        this.workspace = workspace;
        this.name = name;
        this.config = new AppConfig().set("namesrv", namesrv).set("topic", topic).set("options", options)
                .set("workMs", workMs).set("records", records()).set("hold", hold());
        this.tail = new RecordTail(records());
    }

    /** A setting of the consumer process beyond topic, options and work ({@link ConsumerApp}); before it starts. */
    Consumers with(String key, Object value) {
        config.set(key, value);
        return this;
    }

    Path records() {
        return workspace.path(name + ".records");
    }

    private Path hold() {
        return workspace.path(name + ".hold");
    }

    /** From now on each message that starts stays in the route, for a kill that must find messages there. */
    void holdInRoute() throws IOException {
        Files.createFile(hold());
    }

    /** Messages held in the route since {@link #holdInRoute}. */
    int held() {
        return tail.count("H");
    }

    Consumers start() {
        process = workspace.app(name, ConsumerApp.class, config, LOCK_RENEWAL);
        return this;
    }

    void kill() {
        process.kill();
    }

    /** Records so far, warm-up messages included. */
    int processed() {
        return tail.count("P");
    }

    /** Ids of the stream's messages whose route started here and never recorded them processed. */
    Set<String> startedNotProcessed() {
        List<Record> all = Record.read(records(), name).stream().filter(r -> !RawStream.isWarmUp(r.id())).toList();
        Set<String> started = all.stream().filter(r -> r.type().equals("S")).map(Record::id)
                .collect(Collectors.toCollection(HashSet::new));
        all.stream().filter(r -> r.type().equals("P")).map(Record::id).forEach(started::remove);
        return started;
    }

    List<Record> records(boolean withWarmUps) {
        return Record.read(records(), name).stream()
                .filter(r -> r.type().equals("P") && (withWarmUps || !RawStream.isWarmUp(r.id()))).toList();
    }
}
