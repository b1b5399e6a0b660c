package io.rocketcamel.benchmarks;

/** How a scenario sends; each peer maps it to its own option (or does not support it). */
enum Mode {
    SYNC, ASYNC, ONEWAY, TRANSACTIONAL, AUTO_BATCH
}
