package io.rocketcamel.examples.cdc;

import io.rocketcamel.component.rocketmq.RocketMQComponent;
import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.examples.cdc.ChangeEvent.Partition;
import io.rocketcamel.starter.BrokerAdmin;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.springframework.stereotype.Component;

/**
 * Turns a TRUNCATE into one copy per queue of {@code db-changes}. A row's changes all go to one queue, and a sink
 * applies each queue in order on its own thread, so no single place in the stream comes after every change before
 * the TRUNCATE and before every change after it. Each queue has such a place: a copy sent there after the changes
 * before the TRUNCATE, ahead of those after it. So every queue gets a copy naming its partition, and a sink
 * receiving it removes only the rows of that partition: the rows whose changes come through that queue. No sink
 * waits for another queue, and a sink spread over several instances needs no coordination.
 */
@Component
public class TruncatePartitions {

    private final BrokerAdmin admin;
    private final CamelContext camel;

    public TruncatePartitions(BrokerAdmin admin, CamelContext camel) {
        this.admin = admin;
        this.camel = camel;
    }

    /** A row change as it is; a TRUNCATE as one copy per queue of the topic, in queue order. */
    public List<ChangeEvent> perQueue(ChangeEvent change) throws Exception {
        if (!change.isTruncate()) {
            return List.of(change);
        }
        int queues = writeQueues(ChangeCaptureRoute.TOPIC);
        return IntStream.range(0, queues).mapToObj(queue -> change.forPartition(new Partition(queue, queues))).toList();
    }

    /** The queues a producer sends to, in the order its order-key hash indexes them. */
    private int writeQueues(String topic) throws Exception {
        RocketMQConfiguration configuration = camel.getComponent("rocketmq", RocketMQComponent.class).getConfiguration();
        TopicRouteData route = admin.client(configuration).examineTopicRouteInfo(BrokerAdmin.wrap(configuration, topic));
        int queues = MQClientInstance.topicRouteData2TopicPublishInfo(topic, route).getMessageQueueList().size();
        if (queues == 0) {
            throw new IllegalStateException("Topic " + topic + " has no writable queue to publish the TRUNCATE to");
        }
        return queues;
    }
}
