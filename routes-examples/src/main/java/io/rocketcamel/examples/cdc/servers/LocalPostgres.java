package io.rocketcamel.examples.cdc.servers;

import io.rocketcamel.examples.cdc.PostgresAddress;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A PostgreSQL 17 server (zonky's binaries from Maven, unpacked under {@code java.io.tmpdir}) on a free loopback port,
 * set up for logical decoding. pg_ctl detaches the server from the JVM: it runs until {@link #close()} or zonky's
 * shutdown hook stops it. With a configured data directory its data lives there; otherwise in a directory of zonky's
 * own, deleted on close, and one a killed JVM left behind is stopped and deleted by a later start.
 */
public final class LocalPostgres implements AutoCloseable {

    static final String DATABASE = "shop";
    private static final String USER = "postgres";

    private final EmbeddedPostgres server;

    public LocalPostgres(CdcDataDir dataDir) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (!dataDir.isTemporary()) {
                builder.setDataDirectory(dataDir.directory("postgres")).setCleanDataDirectory(false);
            }
            server = builder
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("wal_level", "logical")
                    // zonky turns it off, which holds every change back ~200 ms before the log shows it committed
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_replication_slots", "4")
                    .setServerConfig("max_wal_senders", "4")
                    // a loaded 2-core machine can take longer than zonky's 10 s to unpack and start
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            createDatabase();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the local PostgreSQL", e);
        }
    }

    private void createDatabase() {
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            if (!statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'").next()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            close();
            throw new IllegalStateException("Cannot create database " + DATABASE + " in the local PostgreSQL", e);
        }
    }

    /** Local trust authentication accepts any password; Debezium insists on one. */
    public PostgresAddress address() {
        return new PostgresAddress("127.0.0.1", server.getPort(), DATABASE, USER, USER);
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
