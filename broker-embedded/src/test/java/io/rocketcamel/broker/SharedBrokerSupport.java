package io.rocketcamel.broker;

import io.rocketcamel.broker.junit.EmbeddedRocketMQ;
import io.rocketcamel.testsupport.TestClients;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/**
 * The broker that ITs of one configuration share (the extension starts it once per run), with fresh official-client
 * producers and consumers for each test, closed after it.
 */
@EmbeddedRocketMQ(delayLevels = "1s 2s 3s", transactionCheckIntervalMs = 1000, transactionTimeoutMs = 1000)
abstract class SharedBrokerSupport {

    static final Duration DEADLINE = Duration.ofSeconds(30);

    final EmbeddedRocketMQBroker broker;
    final TestClients clients;

    SharedBrokerSupport(EmbeddedRocketMQBroker broker) {
        this.broker = broker;
        this.clients = new TestClients(broker.getNamesrvAddr());
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }
}
