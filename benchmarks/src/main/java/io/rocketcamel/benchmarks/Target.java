package io.rocketcamel.benchmarks;

/** A goal from the table (the seed article's single-machine numbers are the floor). */
record Target(String name, double messagesPerSecond, double p99Millis) {

    static final Target NORMAL = new Target("normal", 50_000, 5);
    static final Target ORDERED = new Target("ordered", 30_000, 10);
    static final Target TRANSACTIONAL = new Target("transactional", 20_000, 20);
    static final Target BATCH = new Target("batch", 100_000, 10);
}
