package io.rocketcamel.examples;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A second copy of the app on the same port failed only once its broker, databases and search node had started,
 * about 35 s in (found by an outside audit).
 */
class FreePortCheckTest {

    @Test
    void aPortInUseIsRefusedBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            MockEnvironment environment = new MockEnvironment().withProperty("server.port", "" + taken.getLocalPort())
                    .withProperty("server.address", "127.0.0.1");
            assertThatThrownBy(() -> FreePortCheck.check(environment)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("server.port=" + taken.getLocalPort() + " is in use");
        }
    }

    @Test
    void aRandomPortOrNoServerIsNotChecked() {
        assertThatCode(() -> FreePortCheck.check(new MockEnvironment().withProperty("server.port", "0")))
                .doesNotThrowAnyException();
        assertThatCode(() -> FreePortCheck.check(new MockEnvironment().withProperty("server.port", "-1")))
                .doesNotThrowAnyException();
    }
}
