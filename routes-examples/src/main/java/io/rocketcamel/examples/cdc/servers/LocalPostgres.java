package io.rocketcamel.examples.cdc.servers;

import io.rocketcamel.broker.LoopbackPorts;
import io.rocketcamel.examples.StateDirectory;
import io.rocketcamel.examples.cdc.PostgresAddress;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * A PostgreSQL 17 server (zonky's binaries from Maven, unpacked under {@code java.io.tmpdir}) at a loopback address
 * chosen beforehand, set up for logical decoding, with the demo's database and table ({@code cdc/products.sql}).
 * pg_ctl detaches the server from the JVM: it runs until {@link #close()} or zonky's shutdown hook stops it. With a
 * configured data directory its data lives there; otherwise in a directory of zonky's own, deleted on close, and one
 * a killed JVM left behind is stopped and deleted by a later start.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);
    private static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres server;

    /** Where the local server will be; trust authentication accepts any password, Debezium insists on one. */
    public static PostgresAddress pickAddress() {
        return new PostgresAddress("127.0.0.1", LoopbackPorts.free(), "shop", SUPERUSER, SUPERUSER);
    }

    public LocalPostgres(PostgresAddress address, StateDirectory dataDir) {
        long begin = System.nanoTime();
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (!dataDir.isTemporary()) {
                builder.setDataDirectory(dataDir.directory("postgres")).setCleanDataDirectory(false);
            }
            server = builder
                    .setPort(address.port())
                    .setServerConfig("listen_addresses", address.host())
                    .setServerConfig("wal_level", "logical")
                    // zonky turns it off, which holds every change back ~200 ms before the log shows it committed
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_replication_slots", "4")
                    .setServerConfig("max_wal_senders", "4")
                    // a loaded 2-core machine can take longer than zonky's 10 s to unpack and start
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the local PostgreSQL", e);
        }
        try {
            createDatabase(address.database());
        } catch (SQLException e) {
            close();
            throw new IllegalStateException("Cannot create database " + address.database() + " in the local PostgreSQL", e);
        }
        LOG.info("Local PostgreSQL on {}:{} in {} ms", address.host(), address.port(), (System.nanoTime() - begin) / 1_000_000);
    }

    private void createDatabase(String database) throws SQLException {
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            if (!statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'").next()) {
                statement.execute("CREATE DATABASE " + database);
            }
        }
        try (Connection connection = server.getDatabase(SUPERUSER, database).getConnection()) {
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("cdc/products.sql"));
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop the local PostgreSQL", e);
        }
    }
}
