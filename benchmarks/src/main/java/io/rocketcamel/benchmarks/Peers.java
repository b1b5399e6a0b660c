package io.rocketcamel.benchmarks;

import java.util.function.Consumer;

import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * Creates each peer's sender and receiver for one broker, and says which scenarios a peer cannot run and why. Every
 * sender has its own client, as each Camel endpoint has: a client broken by one phase cannot stall the next.
 */
final class Peers {

    private final BrokerStore store;
    private final CamelPeers camel;
    private final ComponentCatalog catalog;

    Peers(BrokerStore store, CamelPeers camel, ComponentCatalog catalog) {
        this.store = store;
        this.camel = camel;
        this.catalog = catalog;
    }

    /** @return why {@code peer} cannot run {@code scenario}, or null when it can */
    String unsupported(Peer peer, Scenario scenario) {
        if (peer == Peer.OURS) {
            return switch (scenario.mode()) {
                case TRANSACTIONAL -> missingOption("transactional");
                case AUTO_BATCH -> missingOption("batchSize");
                default -> null;
            };
        }
        if (peer.apache()) {
            if (scenario.mode() != Mode.SYNC && scenario.mode() != Mode.ASYNC) {
                return "camel-rocketmq 4.17 has no " + scenario.mode().name().toLowerCase().replace('_', '-') + " send";
            }
            if (scenario.ordered()) {
                return "camel-rocketmq 4.17 cannot choose the queue (no order key or selector)";
            }
            if (scenario.batch() > 1) {
                return "camel-rocketmq 4.17 sends a List body as one message, not as a batch";
            }
        }
        return scenario.mode() == Mode.AUTO_BATCH && peer == Peer.RAW ? "the client has no auto-batching; see the batch row" : null;
    }

    private String missingOption(String option) {
        return catalog.hasOption(option) ? null
                : "not yet available in the component (no `" + option + "` option in its rocketmq.json; issue 4)";
    }

    Sender sender(Peer peer, Scenario scenario, String topic) throws MQClientException {
        return switch (peer) {
            case RAW -> new RawSender(scenario.mode() == Mode.TRANSACTIONAL ? rawTransactional(topic) : start(new DefaultMQProducer("raw-" + topic)),
                    topic, scenario.mode());
            case OURS -> new CamelSender(camel, camel.endpoint(oursProducerUri(scenario.mode(), topic),
                    io.rocketcamel.component.rocketmq.RocketMQEndpoint.class));
            case APACHE_WAIT, APACHE_DEFAULT -> new CamelSender(camel, camel.endpoint(CamelPeers.APACHE + ":" + topic
                    + "?namesrvAddr=" + store.namesrvAddr() + "&producerGroup=apache-" + topic
                    + "&waitForSendResult=" + (peer == Peer.APACHE_WAIT), org.apache.camel.component.rocketmq.RocketMQEndpoint.class));
        };
    }

    private String oursProducerUri(Mode mode, String topic) {
        String options = switch (mode) {
            case SYNC, ASYNC, ONEWAY -> "sendMode=" + mode.name();
            case TRANSACTIONAL -> "transactional=true";
            case AUTO_BATCH -> "batchSize=64";
        };
        return CamelPeers.OURS + ":" + topic + "?namesrvAddr=" + store.namesrvAddr() + "&" + options;
    }

    Receiver receiver(Peer peer, String topic, String group, boolean orderly, Consumer<byte[]> listener) throws Exception {
        return switch (peer) {
            case RAW -> new RawReceiver(store.namesrvAddr(), topic, group, orderly, listener);
            case OURS -> new CamelReceiver(camel, CamelPeers.OURS + ":" + topic + "?namesrvAddr=" + store.namesrvAddr()
                    + "&consumerGroup=" + group + "&consumeFromWhere=FIRST_OFFSET&consumeMode=" + (orderly ? "ORDERLY" : "CONCURRENTLY"),
                    group, listener);
            case APACHE_WAIT, APACHE_DEFAULT -> new CamelReceiver(camel, CamelPeers.APACHE + ":" + topic + "?namesrvAddr="
                    + store.namesrvAddr() + "&consumerGroup=" + group, group, listener);
        };
    }

    private TransactionMQProducer rawTransactional(String topic) throws MQClientException {
        TransactionMQProducer producer = new TransactionMQProducer("raw-" + topic);
        producer.setTransactionListener(new TransactionListener() {
            @Override
            public LocalTransactionState executeLocalTransaction(Message message, Object argument) {
                return LocalTransactionState.COMMIT_MESSAGE;
            }

            @Override
            public LocalTransactionState checkLocalTransaction(MessageExt message) {
                return LocalTransactionState.COMMIT_MESSAGE;
            }
        });
        return start(producer);
    }

    private <P extends DefaultMQProducer> P start(P producer) throws MQClientException {
        producer.setNamesrvAddr(store.namesrvAddr());
        // The client shares one instance per instance name: a name still shutting down would take this producer along.
        producer.setInstanceName(producer.getProducerGroup());
        producer.start();
        return producer;
    }

}
