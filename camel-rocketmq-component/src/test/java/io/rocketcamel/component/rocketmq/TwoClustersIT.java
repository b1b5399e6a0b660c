package io.rocketcamel.component.rocketmq;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.testsupport.Patience;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One context, two rocketmq components, each pointing at a cluster of its own: each component's clients talk to
 * its cluster. RocketMQ shares one connection among clients of one JVM with the same client id (address and instance
 * name), made with the first one's name server, so the two components' clients must never share a name.
 */
class TwoClustersIT extends RocketMQITSupport {

    @Test
    void eachComponentSendsToItsOwnCluster() throws Exception {
        try (EmbeddedRocketMQBroker other = EmbeddedRocketMQBroker.builder().start()) {
            RocketMQComponent second = new RocketMQComponent();
            second.getConfiguration().setNamesrvAddr(other.getNamesrvAddr());
            second.getConfiguration().setSendTimeout(Patience.SEND_TIMEOUT.toMillis());
            context.addComponent("rocketmq-b", second);
            String here = topic("cluster-a", 1);
            String there = unique("cluster-b");
            other.createTopic(there, 1);

            template.sendBody("rocketmq:" + here, "to a");
            template.sendBody("rocketmq-b:" + there, "to b");

            assertThat(other.awaitMessages(there, 1, seconds(10))).singleElement()
                    .satisfies(stored -> assertThat(text(stored.getBody())).isEqualTo("to b"));
            assertThat(broker.awaitMessages(here, 1, seconds(10))).singleElement()
                    .satisfies(stored -> assertThat(text(stored.getBody())).isEqualTo("to a"));
            assertThat(broker.messageCount(there)).as("messages of the second cluster's topic in the first").isZero();
        }
    }
}
