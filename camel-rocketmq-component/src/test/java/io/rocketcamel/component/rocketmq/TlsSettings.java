package io.rocketcamel.component.rocketmq;

import org.apache.rocketmq.remoting.common.TlsMode;
import org.apache.rocketmq.remoting.netty.TlsSystemConfig;

/** RocketMQ's JVM-wide TLS settings, saved and put back around building a server or a client. */
record TlsSettings(TlsMode mode, boolean testMode, String serverCert, String serverKey, boolean authServer,
                   String trustCert) {
    static TlsSettings current() {
        return new TlsSettings(TlsSystemConfig.tlsMode, TlsSystemConfig.tlsTestModeEnable,
                TlsSystemConfig.tlsServerCertPath, TlsSystemConfig.tlsServerKeyPath, TlsSystemConfig.tlsClientAuthServer,
                TlsSystemConfig.tlsClientTrustCertPath);
    }

    void restore() {
        TlsSystemConfig.tlsMode = mode;
        TlsSystemConfig.tlsTestModeEnable = testMode;
        TlsSystemConfig.tlsServerCertPath = serverCert;
        TlsSystemConfig.tlsServerKeyPath = serverKey;
        TlsSystemConfig.tlsClientAuthServer = authServer;
        TlsSystemConfig.tlsClientTrustCertPath = trustCert;
    }
}
