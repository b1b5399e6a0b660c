package io.rocketcamel.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** For a scenario that missed a goal: where the time went (JFR) and the next lever, from this run's own numbers. */
final class Levers {

    private Levers() {
    }

    static List<String> explain(RunData data, Scenario scenario, List<Check> missed) {
        List<String> lines = new ArrayList<>();
        Result ours = data.result(scenario.id(), Peer.OURS);
        Result raw = data.result(scenario.id(), Peer.RAW);
        lines.add("Where the time goes (JFR execution samples of the whole JVM, broker included): ours " + layers(ours.profile())
                  + (raw == null ? "" : "; raw client " + layers(raw.profile())) + ". Hottest methods (ours): " + hottest(ours.profile()) + ".");
        boolean throughputMissed = missed.stream().anyMatch(c -> c.goal().endsWith("msg/s"));
        if (throughputMissed && raw != null && raw.messagesPerSecond() < scenario.target().messagesPerSecond()) {
            lines.add(String.format("The raw client itself reaches only %,.0f msg/s in this mode here (%.0f%% of the target): the mode and the two"
                    + " shared cores set the limit, not Camel. Next lever: %s", raw.messagesPerSecond(),
                    100 * raw.messagesPerSecond() / scenario.target().messagesPerSecond(), modeLever(data, scenario)));
        }
        missed.stream().filter(c -> c.goal().contains(Peer.RAW.label())).findFirst().ifPresent(c -> lines.add(String.format(
                "Ours reaches %s of the raw client; Camel core plus the component take %.0f%% of the samples where the raw run spends"
                + " %.0f%% in the harness. Next lever: the per-exchange work on that path (exchange and unit of work, header"
                + " mapping, message building): the hottest frames above are where to start.",
                c.measured(), ours.profile().share("Camel core") + ours.profile().share("rocketcamel component"),
                raw == null ? 0 : raw.profile().share("benchmark harness"))));
        if (missed.stream().anyMatch(c -> c.goal().contains("camel-rocketmq"))) {
            lines.add("camel-rocketmq sends with the same client, one message per exchange, so in the same mode both are bounded by the raw"
                      + " client" + (raw == null ? "" : String.format(" (ours/raw here: %.2fx)", ours.messagesPerSecond() / raw.messagesPerSecond()))
                      + ": a 2x lead exists only where camel-rocketmq cannot follow (batch, oneway, ordered, transactional,"
                      + " auto-batching). Next lever in this mode: none beyond closing the gap to the raw client.");
        }
        missed.stream().filter(c -> c.goal().startsWith("send p99")).findFirst().ifPresent(c -> lines.add(String.format(
                "Send p99 is %s (raw client: %s) with broker, callers and consumers on %d cores: the tail is callers, Netty and the broker"
                + " queueing for the CPU. Next lever: fewer callers with pipelining (ASYNC) or batching; re-measure on a quiet machine.",
                c.measured(), raw == null ? "n/a" : String.format("%.2f ms", raw.send().p99()), data.machine().cores())));
        return lines;
    }

    private static String modeLever(RunData data, Scenario scenario) {
        return switch (scenario.id()) {
            case "ordered" -> "per-key sends are sequential by nature; more keys sent in parallel with ASYNC (one connection keeps"
                    + " per-queue order), or auto-batching per queue with orderKey (issue 4).";
            case "transactional" -> "every transaction is a half message plus an end request; more concurrent callers, or one local"
                    + " transaction covering a batch of messages.";
            case "batch", "auto-batch" -> String.format("bigger batches amortise the per-request cost; the store wrote %s against a"
                    + " plain-file ceiling of %s.", storeRate(data), data.disk() == null ? "n/a" : String.format("%.0f MiB/s", data.disk().cachedMiBPerSecond()));
            default -> String.format("pipelining and batching: in this run ours reached %s with ASYNC, %s with List bodies of 64"
                    + " and %s with auto-batching (batchSize=64), which batches routes that send one message per exchange.",
                    rate(data.result("async", Peer.OURS)), rate(data.result("batch", Peer.OURS)), rate(data.result("auto-batch", Peer.OURS)));
        };
    }

    private static String storeRate(RunData data) {
        Result batch = data.result("batch", Peer.OURS);
        return batch == null ? "n/a" : String.format("%.0f MiB/s", batch.storeMiBPerSecond());
    }

    private static String rate(Result result) {
        return result == null ? "n/a" : String.format("%,.0f msg/s", result.messagesPerSecond());
    }

    static String layers(Profile profile) {
        if (profile.samples() == 0) {
            return "no samples";
        }
        return profile.layers().entrySet().stream().limit(6).map(e -> String.format("%s %.0f%%", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", ", "", " (" + profile.samples() + " samples)"));
    }

    static String hottest(Profile profile) {
        return profile.hottest().stream().limit(3).map(e -> String.format("`%s` %.0f%%", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
