package io.rocketcamel.benchmarks;

/** A fresh topic of {@value BrokerStore#QUEUES} queues per workload and peer, so that no two rounds share one. */
final class Topics {

    private final BrokerStore store;
    private int created;

    Topics(BrokerStore store) {
        this.store = store;
    }

    String create(String workload, String peer) {
        String topic = "b" + (++created) + "-" + workload + "-" + peer;
        store.createTopic(topic);
        return topic;
    }
}
