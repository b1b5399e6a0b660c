package io.rocketcamel.component.rocketmq;

import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * traceTopic and accessChannel reach the client: traces land where each says. And why namespace keeps the client's
 * deprecated setNamespace: the non-deprecated setNamespaceV2 does not isolate anything on a 5.5 broker.
 */
class ClientSettingsIT extends RocketMQITSupport {

    /**
     * Not in the background: the 5.5 client gives every trace producer of a JVM one client instance per name server,
     * and the last trace producer of a closing context shuts that instance down even when the next test's trace
     * producer has just joined it; that test's traces are then never sent (seen once in CI: no trace in 20 s).
     */
    @AfterEach
    void closeContextBeforeTheNextTraces() throws Exception {
        context.close();
    }

    @Test
    void tracesGoToTheEndpointsTraceTopic() {
        String topic = topic("traced", 1);
        String traceTopic = topic("traces", 1);

        template.sendBody("rocketmq:" + topic + "?enableTrace=true&traceTopic=" + traceTopic, "traced");

        await().atMost(seconds(20)).until(() -> storedMessages(traceTopic, 0).stream().anyMatch(m -> text(m.getBody())
                .contains(topic)));
    }

    @Test
    void theCloudAccessChannelTracesToTheRegionsTraceTopic() {
        String topic = topic("cloud", 1);
        String regionTraceTopic = "rmq_sys_TRACE_DATA_" + brokerController().getBrokerConfig().getRegionId();
        broker.createTopic(regionTraceTopic, 1);

        template.sendBody("rocketmq:" + topic + "?enableTrace=true&accessChannel=CLOUD", "traced in the cloud");

        await().atMost(seconds(20)).until(() -> storedMessages(regionTraceTopic, 0).stream().anyMatch(m -> text(m.getBody())
                .contains(topic)));
    }

    @Test
    void namespaceV2WouldLeaveTopicsUnprefixedSoTheComponentPrefixesThem() throws Exception {
        String topic = topic("ns-v2", 1);
        broker.createTopic("team-a%" + topic, 1);
        DefaultMQProducer v2 = new DefaultMQProducer("ns-v2-probe");
        v2.setNamesrvAddr(broker.getNamesrvAddr());
        v2.setNamespaceV2("team-a");
        v2.setInstanceName(unique("ns-v2-probe"));
        v2.start();
        try {
            v2.send(new Message(topic, "v2".getBytes()));
        } finally {
            v2.shutdown();
        }
        template.sendBody("rocketmq:" + topic + "?namespace=team-a", "prefixed");

        // the V2 namespace reached the broker only as a request field, which it ignores: the message is in the bare topic
        assertThat(awaitStored(topic, 0, 1)).extracting(m -> text(m.getBody())).containsExactly("v2");
        assertThat(awaitStored("team-a%" + topic, 0, 1)).extracting(m -> text(m.getBody())).containsExactly("prefixed");
    }
}
