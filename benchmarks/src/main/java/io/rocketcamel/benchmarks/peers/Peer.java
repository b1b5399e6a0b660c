package io.rocketcamel.benchmarks.peers;

import java.util.function.Consumer;

import io.rocketcamel.benchmarks.Workload;

/** One implementation measured side by side with the others, in one run, on one broker: a driver per peer. */
public interface Peer {

    /** As named in workloads.json. */
    String id();

    String label();

    /** @return why this peer cannot run the workload, or null when it can */
    String unsupported(Workload workload);

    /** Its clients for one workload, sending to {@code topic}, started. */
    PeerSession open(Workload workload, String topic) throws Exception;

    /** A consumer of {@code topic} in its own group, from the first offset, handing every body to the listener. */
    Receiver receive(String topic, String group, boolean orderly, Consumer<byte[]> listener) throws Exception;
}
