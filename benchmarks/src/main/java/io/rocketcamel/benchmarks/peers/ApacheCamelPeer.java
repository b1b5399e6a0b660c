package io.rocketcamel.benchmarks.peers;

import io.rocketcamel.benchmarks.BrokerStore;
import io.rocketcamel.benchmarks.Workload;
import org.apache.camel.CamelContext;

/**
 * Apache's camel-rocketmq 4.17.0, under the scheme {@code apache-rocketmq}, in its two producer modes: by default
 * ({@code waitForSendResult=false}) its producer says "done synchronously" and calls back later from the client's
 * answer; with {@code waitForSendResult=true} it says "not done" and completes the exchange from that answer.
 */
final class ApacheCamelPeer extends CamelPeer {

    static final String SCHEME = "apache-rocketmq";

    private final boolean waitForSendResult;

    ApacheCamelPeer(BrokerStore store, CamelContext camel, boolean waitForSendResult) {
        super(store, camel);
        this.waitForSendResult = waitForSendResult;
    }

    @Override
    public String id() {
        return waitForSendResult ? "apache-wait" : "apache";
    }

    @Override
    public String label() {
        return waitForSendResult ? "camel-rocketmq, waitForSendResult=true" : "camel-rocketmq, default";
    }

    @Override
    public String unsupported(Workload workload) {
        if (workload.kind() == Workload.Kind.DRAIN && workload.orderly()) {
            return "camel-rocketmq 4.17 has no orderly consumer";
        }
        if (workload.send() != Workload.SendMode.SYNC && workload.send() != Workload.SendMode.ASYNC) {
            return "camel-rocketmq 4.17 has no " + workload.send().name().toLowerCase() + " send";
        }
        if (workload.ordered()) {
            return "camel-rocketmq 4.17 cannot choose the queue (no order key or selector)";
        }
        if (workload.batch() > 1) {
            return "camel-rocketmq 4.17 sends a List body as one message, not as a batch";
        }
        return workload.ours().isEmpty() ? null : "camel-rocketmq 4.17 has no automatic batching";
    }

    @Override
    SendStep sendStep(Workload workload, String topic) {
        return SendStep.to(producerUri(workload, topic));
    }

    private String producerUri(Workload workload, String topic) {
        return SCHEME + ":" + topic + "?namesrvAddr=" + store.namesrvAddr() + "&producerGroup=apache-" + topic
                + "&waitForSendResult=" + waitForSendResult;
    }

    @Override
    String consumerUri(String topic, String group, boolean orderly) {
        return SCHEME + ":" + topic + "?namesrvAddr=" + store.namesrvAddr() + "&consumerGroup=" + group;
    }
}
