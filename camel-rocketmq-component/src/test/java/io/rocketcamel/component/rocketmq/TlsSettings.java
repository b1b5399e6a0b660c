package io.rocketcamel.component.rocketmq;

import io.netty.handler.ssl.util.SelfSignedCertificate;
import org.apache.rocketmq.remoting.common.TlsMode;
import org.apache.rocketmq.remoting.netty.TlsSystemConfig;

/**
 * RocketMQ's JVM-wide TLS settings, saved and put back around building a server or a client; the server mode's
 * system property with them: without it the embedded broker's start turns the servers' TLS off
 * (JvmDefaults.plainTextServers), so a class that ran first in its JVM would get a plain-text broker.
 */
record TlsSettings(TlsMode mode, String modeProperty, boolean testMode, String serverCert, String serverKey,
                   boolean authServer, String trustCert) {

    static TlsSettings current() {
        return new TlsSettings(TlsSystemConfig.tlsMode, System.getProperty(TlsSystemConfig.TLS_SERVER_MODE),
                TlsSystemConfig.tlsTestModeEnable, TlsSystemConfig.tlsServerCertPath, TlsSystemConfig.tlsServerKeyPath,
                TlsSystemConfig.tlsClientAuthServer, TlsSystemConfig.tlsClientTrustCertPath);
    }

    /** Servers built next accept TLS only, with {@code certificate}; clients built next trust it. */
    static void serveTlsOnly(SelfSignedCertificate certificate) {
        System.setProperty(TlsSystemConfig.TLS_SERVER_MODE, TlsMode.ENFORCING.getName());
        TlsSystemConfig.tlsMode = TlsMode.ENFORCING;
        TlsSystemConfig.tlsServerCertPath = certificate.certificate().getPath();
        TlsSystemConfig.tlsServerKeyPath = certificate.privateKey().getPath();
        trust(certificate);
    }

    /** Clients built next trust {@code certificate} only (a broker's own client registering with its name server too). */
    static void trust(SelfSignedCertificate certificate) {
        TlsSystemConfig.tlsTestModeEnable = false;
        TlsSystemConfig.tlsClientAuthServer = true;
        TlsSystemConfig.tlsClientTrustCertPath = certificate.certificate().getPath();
    }

    void restore() {
        TlsSystemConfig.tlsMode = mode;
        if (modeProperty == null) {
            System.clearProperty(TlsSystemConfig.TLS_SERVER_MODE);
        } else {
            System.setProperty(TlsSystemConfig.TLS_SERVER_MODE, modeProperty);
        }
        TlsSystemConfig.tlsTestModeEnable = testMode;
        TlsSystemConfig.tlsServerCertPath = serverCert;
        TlsSystemConfig.tlsServerKeyPath = serverKey;
        TlsSystemConfig.tlsClientAuthServer = authServer;
        TlsSystemConfig.tlsClientTrustCertPath = trustCert;
    }
}
