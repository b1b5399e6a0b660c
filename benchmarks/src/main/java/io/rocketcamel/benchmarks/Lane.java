package io.rocketcamel.benchmarks;

/**
 * One peer's part of a scenario: its topics, its throughput phase (warmed up on creation) and its end-to-end consumer,
 * started at once so that its start-up overlaps the throughput rounds.
 */
final class Lane implements AutoCloseable {

    private final Peer peer;
    private final Scenario scenario;
    private final Peers peers;
    private final String e2eTopic;
    private final EndToEndPhase endToEnd;
    private final Sender sender;
    private final ThroughputPhase throughput;

    Lane(Peer peer, Scenario scenario, Peers peers, String topic, String e2eTopic, BrokerStore store) throws Exception {
        this.peer = peer;
        this.scenario = scenario;
        this.peers = peers;
        this.e2eTopic = e2eTopic;
        this.endToEnd = EndToEndPhase.start(listener -> peers.receiver(peer, e2eTopic, "g-" + e2eTopic, scenario.ordered(), listener));
        try {
            this.sender = peers.sender(peer, scenario, topic);
            this.throughput = new ThroughputPhase(scenario, sender, store, topic);
        } catch (Exception e) {
            endToEnd.close();
            throw e;
        }
    }

    Peer peer() {
        return peer;
    }

    void round(int units) throws Exception {
        throughput.round(units);
    }

    ThroughputPhase.Outcome throughput() {
        return throughput.outcome();
    }

    EndToEndPhase.Outcome endToEnd(int messages, double rate) throws Exception {
        try (Sender e2eSender = peers.sender(peer, scenario, e2eTopic)) {
            return endToEnd.measure(scenario, e2eSender, messages, rate);
        }
    }

    @Override
    public void close() {
        sender.close();
        endToEnd.close();
    }
}
