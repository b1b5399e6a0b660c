package io.rocketcamel.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rocketcamel.component.rocketmq.SendMode;
import org.junit.jupiter.api.Test;

class CamelPeersTest {

    @Test
    void eachSchemeGetsItsOwnComponentAndBindsItsOwnOptions() {
        try (CamelPeers peers = new CamelPeers()) {
            var ours = peers.endpoint("rocketmq:t?namesrvAddr=127.0.0.1:1&sendMode=ASYNC&orderKey=k",
                    io.rocketcamel.component.rocketmq.RocketMQEndpoint.class);
            var apache = peers.endpoint("apache-rocketmq:t?namesrvAddr=127.0.0.1:2&waitForSendResult=true&producerGroup=g",
                    org.apache.camel.component.rocketmq.RocketMQEndpoint.class);

            assertThat(ours.getConfiguration().getSendMode()).isEqualTo(SendMode.ASYNC);
            assertThat(ours.getConfiguration().getNamesrvAddr()).isEqualTo("127.0.0.1:1");
            assertThat(apache.isWaitForSendResult()).isTrue();
            assertThat(apache.getNamesrvAddr()).isEqualTo("127.0.0.1:2");
            assertThat(apache.getProducerGroup()).isEqualTo("g");
        }
    }

    @Test
    void anOptionOfTheOtherComponentIsRejected() {
        try (CamelPeers peers = new CamelPeers()) {
            assertThatThrownBy(() -> peers.endpoint("rocketmq:t?batchSizeOfApache=2", org.apache.camel.Endpoint.class))
                    .hasMessageContaining("batchSizeOfApache");
            assertThatThrownBy(() -> peers.endpoint("apache-rocketmq:t?sendMode=ASYNC", org.apache.camel.Endpoint.class))
                    .hasMessageContaining("sendMode");
        }
    }

    @Test
    void apachesOptionNamesReachOurComponentAsItsDeprecatedAliases() {
        try (CamelPeers peers = new CamelPeers()) {
            var ours = peers.endpoint("rocketmq:t?waitForSendResult=true&sendTag=a",
                    io.rocketcamel.component.rocketmq.RocketMQEndpoint.class);
            assertThat(ours.getConfiguration().getSendMode()).isEqualTo(SendMode.SYNC);
        }
    }
}
