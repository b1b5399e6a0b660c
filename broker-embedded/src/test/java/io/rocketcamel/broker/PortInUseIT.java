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

    /**
     * A broker listens on brokerPort-2 (the fast port) and brokerPort+1 (HA) too: with one of those taken, the error
     * named brokerPort, which was free (an outside audit; failing first here).
     */
    @Test
    void aBrokersFastOrHaPortInUseIsNamedAmongItsPorts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int fast = taken.getLocalPort();
            assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().brokerPort(fast + 2).start())
                    .isInstanceOf(EmbeddedBrokerException.class)
                    .hasMessageContaining("its fast port " + fast + " (brokerPort-2)");
        }
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            int ha = taken.getLocalPort();
            assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().brokerPort(ha - 1).start())
                    .isInstanceOf(EmbeddedBrokerException.class)
                    .hasMessageContaining("its HA port " + ha + " (brokerPort+1)");
        }
    }

    /**
     * Every bind failure used to be reported as a port in use, also a host that is no address of this machine
     * (192.0.2.1 is TEST-NET-1, never assigned), asked for with port 0, which is never in use.
     */
    @Test
    void aHostThatIsNoAddressOfThisMachineIsNamedAsSuch() {
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().host("192.0.2.1").start())
                .isInstanceOf(EmbeddedBrokerException.class)
                .hasMessageStartingWith("Name server cannot listen on 192.0.2.1:0: ")
                .hasMessageEndingWith("; is 192.0.2.1 an address of this machine? (host, default 127.0.0.1)")
                .hasMessageNotContaining("already in use");
    }

}
