package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.handler.ssl.util.SelfSignedCertificate;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.rocketmq.remoting.exception.RemotingSendRequestException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * useTls against a name server and broker that accept TLS only (RocketMQ's ENFORCING mode), with a self-signed
 * certificate made for the test. RocketMQ reads its TLS settings from JVM-wide static fields when a server or client
 * is built, so the test sets them around building each and puts them back: the broker's certificate while the broker
 * starts, the certificate a client trusts while that client starts.
 */
class TlsIT {

    @RegisterExtension
    static final TlsOnlyBroker server = new TlsOnlyBroker();
    private final List<CamelContext> contexts = new CopyOnWriteArrayList<>();

    private interface ClientWork<T> {
        T run() throws Exception;
    }

    /** Runs work that builds clients (a route's start, a first send) while the JVM trusts {@code certificate}. */
    private static <T> T trusting(SelfSignedCertificate certificate, ClientWork<T> work) throws Exception {
        TlsSettings saved = TlsSettings.current();
        try {
            TlsSettings.trust(certificate);
            return work.run();
        } finally {
            saved.restore();
        }
    }

    private CamelContext newContext() {
        CamelContext context = RocketMQITSupport.newContext(server.broker());
        context.getComponent("rocketmq", RocketMQComponent.class).getConfiguration().setSendTimeout(3000);
        contexts.add(context);
        return context;
    }

    @Test
    void sendsAndConsumesOverTlsAndAPlainOrAnUntrustingClientIsRefused() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        CamelContext tls = newContext();
        ProducerTemplate template = tls.createProducerTemplate();
        Exchange sent = trusting(server.certificate(), () -> {
            tls.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("rocketmq:tls-topic?useTls=true&consumerGroup=tls-group").process(e -> received.add(
                            RocketMQITSupport.text(e.getMessage().getBody())));
                }
            });
            tls.start();
            return template.send("rocketmq:tls-topic?useTls=true", e -> e.getMessage().setBody("over TLS"));
        });
        assertThat(sent.getException()).isNull();
        await().atMost(RocketMQITSupport.seconds(30)).until(() -> received.contains("over TLS"));

        Exchange plain = template.send("rocketmq:tls-topic?useTls=false", e -> e.getMessage().setBody("in the clear"));
        // refused on the connection, not for another reason (an option, a topic)
        assertThat(plain.getException()).as("a plain connection to an ENFORCING server")
                .hasRootCauseInstanceOf(RemotingSendRequestException.class);

        SelfSignedCertificate stranger = new SelfSignedCertificate("localhost");
        try {
            Exchange refused = trusting(stranger, () -> template.send("rocketmq:tls-topic?useTls=true&producerGroup=stranger",
                    e -> e.getMessage().setBody("to an unknown broker")));
            assertThat(refused.getException()).as("a client that does not trust the broker's certificate")
                    .hasRootCauseInstanceOf(RemotingSendRequestException.class);
        } finally {
            stranger.delete();
        }
        await().during(RocketMQITSupport.seconds(1)).atMost(RocketMQITSupport.seconds(2)).until(() -> received.size() == 1);
    }

    @AfterEach
    void stopContexts() {
        contexts.forEach(CamelContext::stop);
    }
}
