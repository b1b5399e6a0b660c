package io.rocketcamel.benchmarks.peers;

import io.rocketcamel.benchmarks.BrokerStore;
import io.rocketcamel.benchmarks.Workload;
import io.rocketcamel.component.rocketmq.RocketMQConstants;
import org.apache.camel.CamelContext;

/** Ours: the {@code rocketmq:} component of this project, every mode through its endpoint options. */
final class RocketCamelPeer extends CamelPeer {

    static final String SCHEME = "rocketmq";

    RocketCamelPeer(BrokerStore store, CamelContext camel) {
        super(store, camel);
    }

    @Override
    public String id() {
        return "ours";
    }

    @Override
    public String label() {
        return "rocketcamel (ours)";
    }

    @Override
    public String unsupported(Workload workload) {
        return null;
    }

    @Override
    SendStep sendStep(Workload workload, String topic) {
        return SendStep.to(producerUri(workload, topic));
    }

    private String producerUri(Workload workload, String topic) {
        String mode = workload.send() == Workload.SendMode.TRANSACTIONAL ? "transactional=true" : "sendMode=" + workload.send();
        return SCHEME + ":" + topic + "?namesrvAddr=" + store.namesrvAddr() + "&" + mode
                + (workload.ours().isEmpty() ? "" : "&" + workload.ours());
    }

    @Override
    String consumerUri(String topic, String group, boolean orderly) {
        return SCHEME + ":" + topic + "?namesrvAddr=" + store.namesrvAddr() + "&consumerGroup=" + group
                + "&consumeFromWhere=FIRST_OFFSET&consumeMode=" + (orderly ? "ORDERLY" : "CONCURRENTLY");
    }

    @Override
    String orderKeyHeader() {
        return RocketMQConstants.ORDER_KEY;
    }
}
