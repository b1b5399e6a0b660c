package io.rocketcamel.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

    @Test
    void portsAreBelowTheEphemeralRangeBindableAndNeverHandedOutTwice() throws Exception {
        Set<Integer> picked = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            int port = LoopbackPorts.free();
            assertThat(port).isBetween(10_000, LoopbackPorts.ephemeralLowest() - 1);
            assertThat(picked.add(port)).as("port %d handed out twice", port).isTrue();
        }
        int port = LoopbackPorts.free();
        try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(bound.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aBrokerPortComesWithItsFastAndHaPortsFreeAndTheyAreNotHandedOutAgain() throws Exception {
        int port = LoopbackPorts.freeBrokerPort();
        assertThat(port + 1).isLessThan(LoopbackPorts.ephemeralLowest());
        for (int companion : new int[] {port - 2, port + 1}) {
            try (ServerSocket bound = new ServerSocket(companion, 1, InetAddress.getLoopbackAddress())) {
                assertThat(bound.getLocalPort()).isEqualTo(companion);
            }
        }
        Set<Integer> later = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            later.add(LoopbackPorts.free());
        }
        assertThat(later).doesNotContain(port - 2, port - 1, port, port + 1);
    }
}
