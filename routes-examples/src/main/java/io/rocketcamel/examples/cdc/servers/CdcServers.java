package io.rocketcamel.examples.cdc.servers;

import io.rocketcamel.examples.cdc.PostgresAddress;
import org.apache.camel.component.debezium.postgres.DebeziumPostgresComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.Ordered;
import org.apache.camel.component.opensearch.OpensearchComponent;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The CDC example's three outside systems. Each is the one the standard properties name, and where those are not
 * set, a local server on a loopback port, started here and stopped with the application (the way the starter runs
 * the embedded broker when no name server is configured):
 * <ul>
 * <li>source database: {@code camel.component.debezium-postgres.database-hostname} (with -port, -dbname, -user,
 * -password), else a local PostgreSQL;</li>
 * <li>cache: {@code spring.data.redis.url} or {@code spring.data.redis.host}, else a local Redis;</li>
 * <li>search: {@code camel.component.opensearch.host-addresses}, else a local OpenSearch node.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class CdcServers {

    static final String POSTGRES_HOST = "camel.component.debezium-postgres.database-hostname";
    static final String SEARCH_HOSTS = "camel.component.opensearch.host-addresses";

    @Bean(destroyMethod = "close")
    CdcDataDir cdcDataDir(@Value("${rocketcamel.demo.cdc.data-dir:}") String configured) {
        return new CdcDataDir(configured);
    }

    @Bean(destroyMethod = "close")
    @WhenNoneSet(POSTGRES_HOST)
    LocalPostgres localPostgres(CdcDataDir dataDir) {
        return new LocalPostgres(dataDir);
    }

    @Bean
    PostgresAddress cdcSourceDatabase(ObjectProvider<LocalPostgres> local, Environment env) {
        LocalPostgres server = local.getIfAvailable();
        if (server != null) {
            return server.address();
        }
        String prefix = "camel.component.debezium-postgres.database-";
        return new PostgresAddress(env.getRequiredProperty(POSTGRES_HOST), env.getProperty(prefix + "port", Integer.class, 5432),
                env.getRequiredProperty(prefix + "dbname"), env.getRequiredProperty(prefix + "user"),
                env.getRequiredProperty(prefix + "password"));
    }

    /**
     * Debezium reads the log of the local database. Runs after the starter's own customizer, which copies its
     * defaults (port 5432 among them) onto the component.
     */
    @Bean
    @WhenNoneSet(POSTGRES_HOST)
    ComponentCustomizer localSourceDatabase(LocalPostgres server) {
        PostgresAddress source = server.address();
        return ComponentCustomizer.builder(DebeziumPostgresComponent.class).withOrder(Ordered.LOWEST).build(component -> {
            var configuration = component.getConfiguration();
            configuration.setDatabaseHostname(source.host());
            configuration.setDatabasePort(source.port());
            configuration.setDatabaseDbname(source.database());
            configuration.setDatabaseUser(source.user());
            configuration.setDatabasePassword(source.password());
        });
    }

    @Bean(destroyMethod = "close")
    @WhenNoneSet({"spring.data.redis.url", "spring.data.redis.host"})
    LocalRedis localRedis(CdcDataDir dataDir) {
        return new LocalRedis(dataDir);
    }

    /** Replaces Spring Boot's connection factory only while the local Redis stands in. */
    @Bean
    @WhenNoneSet({"spring.data.redis.url", "spring.data.redis.host"})
    LettuceConnectionFactory redisConnectionFactory(LocalRedis redis) {
        return new LettuceConnectionFactory(new RedisStandaloneConfiguration(redis.host(), redis.port()));
    }

    @Bean(destroyMethod = "close")
    @WhenNoneSet(SEARCH_HOSTS)
    LocalOpenSearch localOpenSearch(CdcDataDir dataDir) {
        return new LocalOpenSearch(dataDir);
    }

    /** camel-opensearch writes to the local node. */
    @Bean
    @WhenNoneSet(SEARCH_HOSTS)
    ComponentCustomizer localSearchCluster(LocalOpenSearch node) {
        return ComponentCustomizer.builder(OpensearchComponent.class).withOrder(Ordered.LOWEST)
                .build(component -> component.setHostAddresses(node.hostAddress()));
    }
}
