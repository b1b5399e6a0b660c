package io.rocketcamel.reliability;

import io.rocketcamel.broker.ChildJvm;
import io.rocketcamel.reliability.app.AppConfig;
import io.rocketcamel.reliability.app.SenderApp;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A sender process's workloads, and what they recorded. */
final class Senders {

    /** One workload: a route sending {@code count} messages to {@code topic} with the endpoint options. */
    record Load(String name, String topic, String options, int threads, int inflight, int count, int rate, int keys) {
    }

    private final Workspace workspace;
    private final String processName;
    private final Map<String, Load> loads = new LinkedHashMap<>();
    private final Map<String, RecordTail> tails = new LinkedHashMap<>();
    private ChildJvm process;
    private int lockstepWindow;

    Senders(Workspace workspace, String processName) {
        this.workspace = workspace;
        this.processName = processName;
    }

    Senders add(Load load) {
        loads.put(load.name(), load);
        return this;
    }

    /** Keeps the loads within {@code window} messages of each other's completions (see the app's Lockstep). */
    Senders lockstep(int window) {
        lockstepWindow = window;
        return this;
    }

    Path records(String load) {
        return workspace.path(processName + "-" + load + ".records");
    }

    /** Starts the process; returns once its routes run. */
    Senders start(String namesrv, int deadlineSeconds) {
        AppConfig config = new AppConfig().set("namesrv", namesrv).set("deadlineSeconds", deadlineSeconds)
                .set("lockstepWindow", lockstepWindow)
                .set("workloads", String.join(",", loads.keySet()));
        for (Load load : loads.values()) {
            String p = load.name() + ".";
            config.set(p + "topic", load.topic()).set(p + "options", load.options()).set(p + "threads", load.threads())
                    .set(p + "inflight", load.inflight()).set(p + "count", load.count()).set(p + "rate", load.rate())
                    .set(p + "keys", load.keys()).set(p + "records", records(load.name()));
            tails.put(load.name(), new RecordTail(records(load.name())));
        }
        process = workspace.app(processName, SenderApp.class, config);
        return this;
    }

    ChildJvm process() {
        return process;
    }

    int acknowledged() {
        return tails.values().stream().mapToInt(t -> t.count("A")).sum();
    }

    int acknowledged(String load) {
        return tails.get(load).count("A");
    }

    int total() {
        return loads.values().stream().mapToInt(Load::count).sum();
    }

    Map<String, Load> loads() {
        return loads;
    }

    List<Record> records(String load, String type) {
        return Record.read(records(load), processName).stream().filter(r -> r.type().equals(type)).toList();
    }

    /** The distinct ids acknowledged to the callers of a workload. */
    List<String> acknowledgedIds(String load) {
        return records(load, "A").stream().map(Record::id).distinct().collect(Collectors.toList());
    }
}
