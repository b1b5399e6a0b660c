package io.rocketcamel.benchmarks;

/** Holds a caller back before a send; {@code sent} is how many messages its driver has handed out so far. */
interface Gate {

    /** Sends between two looks at the store's count: each look costs a call into the store. */
    int STORE_CHECK_EVERY = 256;

    Gate OPEN = sent -> {
    };

    void pass(long sent) throws InterruptedException;

    /**
     * Oneway sends have no answer to wait for: one unbounded caller overran the broker on the 2-core machine (it
     * dropped 17% of 100,000 messages and the client's connection hung for minutes). This keeps the callers at most
     * {@code ahead} messages in front of what the broker stored; a broker that stops storing (lost messages) releases
     * the gate after a second, so losses still show in the stored count.
     */
    static Gate storeBound(BrokerStore store, String topic, long ahead) {
        long base = store.stored(topic);
        return sent -> {
            if (sent % STORE_CHECK_EVERY != 0) {
                return;
            }
            long stored = store.stored(topic) - base;
            long progressAt = System.currentTimeMillis();
            while (sent - stored > ahead && System.currentTimeMillis() - progressAt < 1000) {
                Thread.sleep(1);
                long now = store.stored(topic) - base;
                if (now != stored) {
                    stored = now;
                    progressAt = System.currentTimeMillis();
                }
            }
        };
    }
}
