package io.rocketcamel.broker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortInUseIT {

    @Test
    void aNameServerPortInUseIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().namesrvPort(port).start())
                    .isInstanceOf(EmbeddedBrokerException.class)
                    .hasMessage("Name server cannot listen on 127.0.0.1:" + port
                            + ": the port is already in use; choose another port, or 0 for a free one");
        }
    }

    @Test
    void aBrokerPortInUseIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().brokerPort(port).start())
                    .isInstanceOf(EmbeddedBrokerException.class)
                    .hasMessageStartingWith("Broker broker-a cannot listen on 127.0.0.1:" + port);
        }
    }
}
