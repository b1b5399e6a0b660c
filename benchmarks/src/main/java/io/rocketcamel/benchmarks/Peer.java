package io.rocketcamel.benchmarks;

/** The implementations measured side by side in one run, on one broker. */
enum Peer {
    RAW("raw rocketmq-client"),
    OURS("rocketcamel (ours)"),
    APACHE_WAIT("camel-rocketmq, waitForSendResult=true"),
    APACHE_DEFAULT("camel-rocketmq, default");

    private final String label;

    Peer(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    boolean apache() {
        return this == APACHE_WAIT || this == APACHE_DEFAULT;
    }
}
