package io.rocketcamel.benchmarks.peers;

import java.util.function.Consumer;

/** How a peer measured through the harness sends one unit. */
interface Sender extends AutoCloseable {

    /**
     * @param body     one body ({@code byte[]}) or a batch ({@code List<byte[]>})
     * @param orderKey null, or the key whose messages must stay in order
     * @param done     called exactly once, with the failure or null, when the peer considers the unit complete: for a
     *                 Camel peer when the exchange completes, which for camel-rocketmq's default is before the broker
     *                 answered
     */
    void send(Object body, String orderKey, Consumer<Throwable> done) throws Exception;

    @Override
    void close();
}
