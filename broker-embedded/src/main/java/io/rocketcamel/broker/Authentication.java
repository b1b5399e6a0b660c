package io.rocketcamel.broker;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.auth.authentication.provider.LocalAuthenticationMetadataProvider;
import org.apache.rocketmq.auth.config.AuthConfig;

/**
 * RocketMQ 5 authentication (ACL 2.0) with one super user, whose keys every client must sign its requests with.
 * Users live in the broker's store ({@code config/users}, RocksDB), as in a standalone broker.
 */
record Authentication(String accessKey, String secretKey) {

    /**
     * RocketMQ caches its authentication providers per JVM by the config name and never evicts them; a later broker
     * under the same name would get the first one's closed user store, so every start gets a name of its own.
     */
    private static final AtomicInteger STARTS = new AtomicInteger();

    Authentication {
        requireText("accessKey", accessKey);
        requireText("secretKey", secretKey);
    }

    AuthConfig toAuthConfig(String brokerName, String clusterName, Path storeRoot) {
        AuthConfig config = new AuthConfig();
        config.setConfigName(brokerName + "#" + STARTS.incrementAndGet());
        config.setClusterName(clusterName);
        config.setAuthConfigPath(storeRoot.resolve("config").toString());
        config.setAuthenticationEnabled(true);
        config.setAuthenticationMetadataProvider(LocalAuthenticationMetadataProvider.class.getName());
        config.setInitAuthenticationUser("{\"username\":" + json(accessKey) + ",\"password\":" + json(secretKey) + "}");
        // the broker's own clients (to the name server and other brokers) sign with the same user
        config.setInnerClientAuthenticationCredentials(
                "{\"accessKey\":" + json(accessKey) + ",\"secretKey\":" + json(secretKey) + "}");
        return config;
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("authentication " + name + " must not be blank");
        }
        if (value.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("authentication " + name + " must not contain control characters");
        }
    }

    private static String json(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
