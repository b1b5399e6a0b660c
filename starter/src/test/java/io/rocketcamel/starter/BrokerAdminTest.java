package io.rocketcamel.starter;

import java.util.concurrent.TimeUnit;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin client the console and the metrics use talks to the cluster as the component does: with TLS when the
 * component uses it (it followed only the JVM's tls.enable, so every look-up failed on a TLS-only cluster), and one
 * client per set of settings that changes how it connects. Nothing is connected: clients start without a broker.
 */
class BrokerAdminTest {

    @Test
    void anAdminClientUsesTlsWhenTheComponentDoes() {
        try (BrokerAdmin admin = new BrokerAdmin()) {
            DefaultMQAdminExt plain = admin.client(configuration(false, "s1"));
            DefaultMQAdminExt tls = admin.client(configuration(true, "s1"));

            assertThat(plain.isUseTLS()).isFalse();
            assertThat(tls.isUseTLS()).isTrue();
            assertThat(tls).isNotSameAs(plain);
            assertThat(admin.client(configuration(false, "s2"))).as("another secret key").isNotSameAs(plain);
            assertThat(admin.client(configuration(false, "s1"))).isSameAs(plain);
        }
    }

    /**
     * A client's shutdown joins its network client's event thread, which polls its queue 3 s at a time: each admin
     * client held the application's exit that long (the component's own clients stop promptly).
     */
    @Test
    void closingDoesNotWaitOutTheClientsEventPoll() {
        BrokerAdmin admin = new BrokerAdmin();
        admin.client(configuration(false, "s1"));
        long begin = System.nanoTime();
        admin.close();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);

        assertThat(millis).as("close() took %d ms", millis).isLessThan(2000);
    }

    private static RocketMQConfiguration configuration(boolean useTls, String secretKey) {
        RocketMQConfiguration configuration = new RocketMQConfiguration();
        configuration.setNamesrvAddr("127.0.0.1:1");
        configuration.setAccessKey("console");
        configuration.setSecretKey(secretKey);
        configuration.setUseTls(useTls);
        return configuration;
    }
}
