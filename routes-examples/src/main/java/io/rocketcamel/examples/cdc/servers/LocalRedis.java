package io.rocketcamel.examples.cdc.servers;

import io.rocketcamel.broker.LoopbackPorts;
import io.rocketcamel.examples.StateDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A Redis 6.2 server from the binary inside the embedded-redis jar, on a free loopback port, as a child process that
 * {@link #close()} stops. With a temporary data directory it writes nothing to disk. A configured one outlives a
 * restart, and so do Debezium's offsets beside it, so no snapshot would fill an empty cache again: Redis keeps an
 * append-only file there (written before each write is answered, synced every second, as durable as the local
 * PostgreSQL) and loads it when it starts.
 */
public final class LocalRedis implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRedis.class);

    private final RedisServer server;
    private final int port;

    public LocalRedis(StateDirectory dataDir) {
        long begin = System.nanoTime();
        port = LoopbackPorts.free();
        try {
            Path directory = dataDir.directory("redis");
            server = RedisServer.newRedisServer()
                    .executableProvider(ExecutableProvider.newJarResourceProvider(directory.toFile()))
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("save \"\"")
                    .setting(dataDir.isTemporary() ? "appendonly no" : "appendonly yes")
                    .settingIf(!dataDir.isTemporary(), "dir \"" + directory.toAbsolutePath() + "\"")
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
