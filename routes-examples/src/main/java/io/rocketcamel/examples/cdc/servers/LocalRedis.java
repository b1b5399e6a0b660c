package io.rocketcamel.examples.cdc.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A Redis 6.2 server from the binary inside the embedded-redis jar, on a free loopback port, as a child process that
 * {@link #close()} stops. A cache: it writes nothing to disk.
 */
public final class LocalRedis implements AutoCloseable {

    private final RedisServer server;
    private final int port;

    public LocalRedis(CdcDataDir dataDir) {
        port = FreePort.pick();
        try {
            server = RedisServer.newRedisServer()
                    .executableProvider(ExecutableProvider.newJarResourceProvider(dataDir.directory("redis").toFile()))
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the local Redis", e);
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop the local Redis", e);
        }
    }
}
