package io.rocketcamel.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One row group of the report, read from {@code workloads.json}: how the callers send and which peers are measured.
 *
 * @param kind     SEND: as fast as the callers go, or paced at {@code rate}; E2E: paced at {@code rate}, send to
 *                 consume; DRAIN: consume a backlog
 * @param send     how each unit is sent (SYNC waits for the broker's answer, ASYNC does not block the caller)
 * @param batch    messages per unit: above 1, a List body sent as one RocketMQ batch
 * @param keys     distinct order keys (0: none); each caller owns its share, so per-key order is its sending order
 * @param callers  caller threads
 * @param inFlight units each caller keeps unfinished at most (1: it waits for each)
 * @param ours     extra URI options of our endpoint in this workload (automatic batching)
 * @param rate     units per second, shared by the callers; 0: unpaced (E2E needs a rate)
 * @param backlog  DRAIN only: messages in the backlog
 * @param orderly  DRAIN only: ORDERLY consumers
 * @param variantOf the row this one repeats with other numbers (callers, in flight, rate) to show a trade-off; it runs
 *                 the same code, so a smoke run leaves it out
 */
public record Workload(String id, String title, Kind kind, SendMode send, int batch, int keys, int callers, int inFlight,
                       String ours, boolean syncFlush, double rate, long backlog, boolean orderly, Goal goal,
                       List<String> peers, String variantOf) {

    public enum Kind { SEND, E2E, DRAIN }

    public enum SendMode { SYNC, ASYNC, ONEWAY, TRANSACTIONAL }

    /** The goals this workload is checked against (the article's performance table, ours against the raw client); absent fields are no goal. */
    public record Goal(Double msgPerSec, Double sendP99Ms, Double e2eP99Ms, Double minRawRatio) {

        static final Goal NONE = new Goal(null, null, null, null);
    }

    public Workload {
        batch = Math.max(1, batch);
        callers = Math.max(1, callers);
        inFlight = Math.max(1, inFlight);
        ours = ours == null ? "" : ours;
        goal = goal == null ? Goal.NONE : goal;
        send = send == null ? SendMode.SYNC : send;
        peers = List.copyOf(peers);
        if (kind == Kind.E2E && rate <= 0) {
            throw new IllegalArgumentException("Workload " + id + ": an E2E workload needs \"rate\" above 0 (units a second), not " + rate);
        }
    }

    public boolean ordered() {
        return keys > 0;
    }

    /** Order keys of one caller: each key is sent by one caller only. */
    public int keysPerCaller() {
        return Math.max(1, keys / callers);
    }

    public Workload withPeers(List<String> only) {
        return new Workload(id, title, kind, send, batch, keys, callers, inFlight, ours, syncFlush, rate, backlog, orderly, goal,
                only, variantOf);
    }

    public static List<Workload> all() {
        try (InputStream in = Workload.class.getResourceAsStream("/workloads.json")) {
            return new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(in, new TypeReference<List<Workload>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read workloads.json: " + e.getMessage(), e);
        }
    }
}
