package io.rocketcamel.component.rocketmq.transaction;

import java.time.Duration;

import io.rocketcamel.component.rocketmq.console.IndexQuery;
import io.rocketcamel.component.rocketmq.console.UnansweredBrokers;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;

/**
 * Whether the topic holds a transaction's message already. The broker puts a new copy of a half message at each check
 * and takes an outcome for that copy: a COMMIT of a copy stores the message again, also when the sender's own COMMIT
 * or an earlier check-back's stored it (the outcome one way, the broker checking again before it arrived). Only a
 * message found counts: a broker that does not answer in time leaves the answer "not stored", and the checker decides
 * as before (a duplicate at worst, never a loss).
 */
final class StoredAlready {

    /** The broker's clock against the client's, which stamped the born time the look-up starts from. */
    private static final long CLOCK_SKEW_MILLIS = Duration.ofMinutes(10).toMillis();

    private final TransactionMQProducer client;

    StoredAlready(TransactionMQProducer client) {
        this.client = client;
    }

    boolean holds(MessageExt halfMessage) {
        String id = halfMessage.getTransactionId();
        if (id == null) {
            return false;
        }
        String topic = client.withNamespace(halfMessage.getTopic());
        MQClientInstance factory = client.getDefaultMQProducerImpl().getMqClientFactory();
        TopicRouteData route = factory.getAnExistTopicRouteData(topic);
        if (route == null) {
            factory.updateTopicRouteInfoFromNameServer(topic);
            route = factory.getAnExistTopicRouteData(topic);
        }
        if (route == null) {
            return false;
        }
        // the committed message is on the broker of the half message: each broker of the topic may be that one
        return !IndexQuery.byMessageId(factory.getMQClientAPIImpl().getRemotingClient(), route.getBrokerDatas(), topic,
                id, halfMessage.getBornTimestamp() - CLOCK_SKEW_MILLIS, client.getSendMsgTimeout(),
                new UnansweredBrokers()).messages().isEmpty();
    }
}
