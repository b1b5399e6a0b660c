package io.rocketcamel.benchmarks.peers;

/** A started consumer of one peer; closing it may finish in the background (see {@link Background}). */
public interface Receiver extends AutoCloseable {

    @Override
    void close();
}
