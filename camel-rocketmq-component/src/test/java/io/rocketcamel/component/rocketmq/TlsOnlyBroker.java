package io.rocketcamel.component.rocketmq;

import io.netty.handler.ssl.util.SelfSignedCertificate;
import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An embedded name server and broker that accept TLS only, with a self-signed certificate of their own, for a test
 * class ({@code @RegisterExtension static final TlsOnlyBroker server = new TlsOnlyBroker();}). The JVM's TLS settings
 * are put back once it started, so clients built later are plain unless a test makes them trust the certificate.
 */
final class TlsOnlyBroker implements BeforeAllCallback, AfterAllCallback {

    private SelfSignedCertificate certificate;
    private EmbeddedRocketMQBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        certificate = new SelfSignedCertificate("localhost");
        TlsSettings saved = TlsSettings.current();
        try {
            TlsSettings.serveTlsOnly(certificate);
            broker = EmbeddedRocketMQBroker.builder().start();
        } finally {
            saved.restore();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        broker.close();
        certificate.delete();
    }

    EmbeddedRocketMQBroker broker() {
        return broker;
    }

    SelfSignedCertificate certificate() {
        return certificate;
    }
}
