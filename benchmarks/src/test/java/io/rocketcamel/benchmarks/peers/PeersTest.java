package io.rocketcamel.benchmarks.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rocketcamel.benchmarks.Workload;
import io.rocketcamel.component.rocketmq.SendMode;
import org.junit.jupiter.api.Test;

class PeersTest {

    @Test
    void eachSchemeGetsItsOwnComponentAndBindsItsOwnOptions() {
        try (Peers peers = new Peers(null)) {
            var ours = peers.camel().getEndpoint("rocketmq:t?namesrvAddr=127.0.0.1:1&sendMode=ASYNC&orderKey=k");
            var apache = peers.camel().getEndpoint("apache-rocketmq:t?namesrvAddr=127.0.0.1:2&waitForSendResult=true&producerGroup=g");

            assertThat(((io.rocketcamel.component.rocketmq.RocketMQEndpoint) ours).getConfiguration().getSendMode()).isEqualTo(SendMode.ASYNC);
            var apacheEndpoint = (org.apache.camel.component.rocketmq.RocketMQEndpoint) apache;
            assertThat(apacheEndpoint.isWaitForSendResult()).isTrue();
            assertThat(apacheEndpoint.getProducerGroup()).isEqualTo("g");
            assertThatThrownBy(() -> peers.camel().getEndpoint("rocketmq:t?batchSizeOfApache=2")).hasMessageContaining("batchSizeOfApache");
            assertThatThrownBy(() -> peers.camel().getEndpoint("apache-rocketmq:t?sendMode=ASYNC")).hasMessageContaining("sendMode");
        }
    }

    @Test
    void everyPeerOfEveryWorkloadExistsAndSaysWhyItSkipsOne() {
        try (Peers peers = new Peers(null)) {
            for (Workload workload : Workload.all()) {
                for (String id : workload.peers()) {
                    Peer peer = peers.get(id);
                    String reason = peer.unsupported(workload);
                    assertThat(reason == null || !reason.isBlank()).as(workload.id() + " / " + id).isTrue();
                }
            }
            assertThatThrownBy(() -> peers.get("nope")).hasMessageContaining("Unknown peer 'nope'");
        }
    }
}
