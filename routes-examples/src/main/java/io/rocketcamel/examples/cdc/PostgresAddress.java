package io.rocketcamel.examples.cdc;

/** Where the source database is: Debezium reads its log, the demo writes its rows. */
public record PostgresAddress(String host, int port, String database, String user, String password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + "/" + database;
    }
}
