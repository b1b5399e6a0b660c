package io.rocketcamel.benchmarks;

import java.util.List;
import java.util.function.Consumer;

/** One peer's way of sending: the raw client or a Camel endpoint. */
interface Sender extends AutoCloseable {

    /**
     * Sends one unit (a single message, or a batch when {@code bodies} holds several) and calls {@code done} exactly
     * once, with the failure or null, when the peer considers it complete: for a Camel peer when the exchange
     * completes, which for camel-rocketmq's default is before the broker answered.
     */
    void send(List<byte[]> bodies, String orderKey, Consumer<Throwable> done) throws Exception;

    @Override
    void close();
}
