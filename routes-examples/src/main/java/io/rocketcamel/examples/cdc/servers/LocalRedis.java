package io.rocketcamel.examples.cdc.servers;

import io.rocketcamel.broker.LoopbackPorts;
import io.rocketcamel.examples.StateDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A Redis 6.2 server from the binary inside the embedded-redis jar, on a free loopback port, as a child process that
 * {@link #close()} stops. A cache: it writes nothing to disk.
 */
public final class LocalRedis implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRedis.class);

    private final RedisServer server;
    private final int port;

    public LocalRedis(StateDirectory dataDir) {
        long begin = System.nanoTime();
        port = LoopbackPorts.free();
        try {
            server = RedisServer.newRedisServer()
                    .executableProvider(ExecutableProvider.newJarResourceProvider(dataDir.directory("redis").toFile()))
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            server.start();
            LOG.info("Local Redis on 127.0.0.1:{} in {} ms", port, (System.nanoTime() - begin) / 1_000_000);
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
