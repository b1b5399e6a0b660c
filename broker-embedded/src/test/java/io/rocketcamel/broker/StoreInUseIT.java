package io.rocketcamel.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rocketcamel.testsupport.TestNames;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store directory serves one running instance at a time. */
class StoreInUseIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    /**
     * A second instance on the store of a running one in the same JVM failed on RocketMQ's file lock with "Broker
     * broker-a failed to start: java.nio.channels.OverlappingFileLockException", naming neither the store nor the cause.
     */
    @Test
    void aSecondInstanceOnAStoreInUseIsRefusedNamingIt(@TempDir Path dir) {
        Path store = dir.resolve("store");
        try (EmbeddedRocketMQBroker first = EmbeddedRocketMQBroker.builder().storeDir(store).start()) {
            assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().storeDir(store).start().close())
                    .isInstanceOf(EmbeddedBrokerException.class)
                    .hasMessage("Store directory " + store.toAbsolutePath().normalize() + " is in use by the running"
                            + " embedded broker with name server " + first.getNamesrvAddr()
                            + ": close that one first, or choose another storeDir");
            String topic = TestNames.unique("store-in-use");
            first.createTopic(topic, 1);
            first.send(topic, "still served");
            assertThat(first.awaitMessages(topic, 1, DEADLINE)).hasSize(1);
        }
        // closed, the store may be used again
        EmbeddedRocketMQBroker.builder().storeDir(store).start().close();
        EmbeddedRocketMQBroker.awaitBackgroundShutdown(Duration.ofSeconds(60));
    }
}
