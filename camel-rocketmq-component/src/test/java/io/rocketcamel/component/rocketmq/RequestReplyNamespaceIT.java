package io.rocketcamel.component.rocketmq;

import java.nio.file.Path;
import java.util.List;

import io.rocketcamel.broker.RunnerProcess;
import io.rocketcamel.testsupport.TestNames;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RocketMQ request-reply (InOut without replyToTopic) with a namespace against a broker in another JVM that does
 * not auto-create topics, as production brokers run. The reply goes to the cluster's {@code <cluster>_REPLY_TOPIC}; a
 * broker in the test's own JVM registers that name as a system topic JVM-wide, so the client leaves it unprefixed
 * there, but a client in another JVM than the broker prefixes it with the namespace ({@code ns%DefaultCluster_REPLY_TOPIC}),
 * a topic that does not exist: the reply is never sent and the request times out.
 */
class RequestReplyNamespaceIT {

    private static final String NAMESPACE = "team-a";
    private static final String TOPIC = TestNames.unique("ns-rr");
    private static RunnerProcess broker;

    @BeforeAll
    static void startBrokerInItsOwnJvm() {
        broker = RunnerProcess.start(List.of("--port", "0", "--property", "autoCreateTopicEnable=false",
                "--topic", NAMESPACE + "%" + TOPIC + ":2"),
                Path.of("target", "it-logs", "ns-request-reply-broker.log"));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void aNamespacedRequestGetsTheRepliersReply() throws Exception {
        CamelContext context = new DefaultCamelContext();
        RocketMQComponent component = new RocketMQComponent();
        component.getConfiguration().setNamesrvAddr(broker.namesrvAddr());
        component.getConfiguration().setNamespace(NAMESPACE);
        component.getConfiguration().setSendTimeout(10_000);
        context.addComponent("rocketmq", component);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + TOPIC + "?consumerGroup=" + TestNames.unique("replier"))
                        .setBody(simple("reply to ${body}"));
            }
        });
        context.start();
        try {
            Exchange answered = context.createProducerTemplate().request("rocketmq:" + TOPIC + "?requestTimeout=15000",
                    e -> e.getMessage().setBody("hi"));
            assertThat(answered.getException()).isNull();
            assertThat(RocketMQITSupport.text(answered.getMessage().getBody())).isEqualTo("reply to hi");
        } finally {
            context.stop();
        }
    }
}
