package io.rocketcamel.benchmarks;

/** A started consumer of one peer; closing it may finish in the background (see {@link Background}). */
interface Receiver extends AutoCloseable {

    @Override
    void close();
}
