package io.rocketcamel.benchmarks;

import java.util.List;

/**
 * Message counts. The full run is sized so each measured phase takes a few seconds at the rates seen on a 2-core
 * machine (the whole run well under 10 minutes); the smoke run only proves every scenario works.
 */
record Sizes(int syncOne, int syncEight, int pipelined, int ordered, int transactional, int batches, int syncFlushOne,
             int syncFlushEight, int endToEnd, long backlog, long diskBytes) {

    static final Sizes FULL = new Sizes(10_000, 40_000, 100_000, 40_000, 20_000, 3_000, 4_000, 16_000, 2_000, 1_000_000,
            1L << 30);
    /** Enough for every round of every peer to send something; the single-caller SYNC scenarios are the slowest. */
    static final Sizes SMOKE = new Sizes(100, 400, 1_000, 400, 200, 12, 60, 200, 50, 5_000, 16L << 20);

    /**
     * Unanswered async sends per caller. The broker rejects requests that waited over 200 ms in its send queue
     * ("broker busy", waitTimeMillsInSendQueue): 1,024 in flight did that on the 2-core machine, 256 did not.
     */
    private static final int IN_FLIGHT = 256;

    private static final List<Peer> ALL = List.of(Peer.RAW, Peer.OURS, Peer.APACHE_WAIT, Peer.APACHE_DEFAULT);

    Sizes withBacklog(long messages) {
        return new Sizes(syncOne, syncEight, pipelined, ordered, transactional, batches, syncFlushOne, syncFlushEight,
                endToEnd, messages, diskBytes);
    }

    List<Scenario> scenarios() {
        return List.of(
                new Scenario("sync-1", "Normal send, SYNC, 1 thread", Mode.SYNC, 1, 1, 1, false, false, syncOne, Target.NORMAL, ALL),
                new Scenario("sync-8", "Normal send, SYNC, 8 threads", Mode.SYNC, 8, 1, 1, false, false, syncEight, Target.NORMAL, ALL),
                new Scenario("async", "Normal send, ASYNC, 1 thread, 256 in flight", Mode.ASYNC, 1, IN_FLIGHT, 1, false, false,
                        pipelined, Target.NORMAL, ALL),
                new Scenario("oneway", "Normal send, ONEWAY, 1 thread, at most 4,096 ahead of the store", Mode.ONEWAY, 1, 1, 1, false, false, pipelined, Target.NORMAL, ALL),
                new Scenario("ordered", "Ordered send (orderKey), SYNC, 8 threads + ORDERLY consume", Mode.SYNC, 8, 1, 1, true, false,
                        ordered, Target.ORDERED, ALL),
                new Scenario("transactional", "Transactional send (commit), 8 threads", Mode.TRANSACTIONAL, 8, 1, 1, false, false,
                        transactional, Target.TRANSACTIONAL, ALL),
                new Scenario("batch", "Batch send, List body of 64, SYNC, 1 thread", Mode.SYNC, 1, 1, 64, false, false, batches,
                        Target.BATCH, ALL),
                new Scenario("auto-batch", "Auto-batching (batchSize=64), 1 thread, 256 in flight", Mode.AUTO_BATCH, 1, IN_FLIGHT, 1,
                        false, false, pipelined, Target.BATCH, List.of(Peer.OURS)),
                new Scenario("sync-flush-1", "Normal send, SYNC, 1 thread, SYNC_FLUSH broker", Mode.SYNC, 1, 1, 1, false, true,
                        syncFlushOne, null, ALL),
                new Scenario("sync-flush-8", "Normal send, SYNC, 8 threads, SYNC_FLUSH broker", Mode.SYNC, 8, 1, 1, false, true,
                        syncFlushEight, null, ALL));
    }
}
