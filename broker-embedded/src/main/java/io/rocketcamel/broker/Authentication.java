package io.rocketcamel.broker;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.auth.authentication.enums.UserType;
import org.apache.rocketmq.auth.authentication.factory.AuthenticationFactory;
import org.apache.rocketmq.auth.authentication.model.User;
import org.apache.rocketmq.auth.authentication.provider.AuthenticationMetadataProvider;
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

    /**
     * RocketMQ creates the configured user only when the store has none of that name
     * ({@code AuthenticationMetadataManagerImpl.initUser}), so on a kept store changed keys were refused and the keys
     * of an earlier start went on working. After RocketMQ's own initialisation, the store's super users are replaced
     * by this one; other users, which only an administrator creates, stay.
     *
     * @param config what {@link #toAuthConfig} made for this broker's start: its provider is the broker's own
     */
    void replaceSuperUsers(AuthConfig config) {
        AuthenticationMetadataProvider users = AuthenticationFactory.getMetadataProvider(config);
        List<User> stored = users.listUser(null).join();
        for (User user : stored) {
            if (user.getUserType() == UserType.SUPER && !user.getUsername().equals(accessKey)) {
                users.deleteUser(user.getUsername()).join();
            }
        }
        User configured = User.of(accessKey, secretKey, UserType.SUPER);
        if (stored.stream().anyMatch(user -> user.getUsername().equals(accessKey))) {
            users.updateUser(configured).join();
        } else {
            users.createUser(configured).join();
        }
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
