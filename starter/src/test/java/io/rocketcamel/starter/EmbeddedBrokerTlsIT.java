package io.rocketcamel.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.rocketmq.remoting.common.TlsMode;
import org.apache.rocketmq.remoting.netty.TlsSystemConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * camel.component.rocketmq.use-tls=true on the embedded broker: its servers accept TLS. They served plain connections
 * only, and every send failed naming a request that could not be sent. The servers' mode is JVM-wide: the class puts
 * it back for the classes that run after it in this JVM.
 */
class EmbeddedBrokerTlsIT {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(CamelAutoConfiguration.class, EmbeddedBrokerAutoConfiguration.class,
                    RocketMQComponentAutoConfiguration.class));

    @AfterAll
    static void plainTextAgain() {
        System.clearProperty(TlsSystemConfig.TLS_SERVER_MODE);
        TlsSystemConfig.tlsMode = TlsMode.DISABLED;
    }

    @Test
    void aComponentUsingTlsSendsToTheEmbeddedBroker() {
        runner.withPropertyValues("camel.component.rocketmq.use-tls=true", "camel.component.rocketmq.send-timeout=5s",
                "camel.component.rocketmq.retry-times-when-send-failed=0",
                "rocketcamel.embedded-broker.topics[tls-orders]=1").run(context -> {
                    assertThat(context).hasNotFailed();
                    Exchange sent = context.getBean(CamelContext.class).createProducerTemplate()
                            .send("rocketmq:tls-orders", e -> e.getMessage().setBody("over TLS"));
                    assertThat(sent.getException()).as("sent over TLS").isNull();
                    assertThat(context.getBean(EmbeddedRocketMQBroker.class).messageCount("tls-orders")).isEqualTo(1);
                });
    }
}
