package io.rocketcamel.examples.cdc.servers;

import io.rocketcamel.examples.StateDirectory;
import io.rocketcamel.examples.cdc.PostgresAddress;
import org.apache.camel.Ordered;
import org.apache.camel.component.debezium.postgres.DebeziumPostgresComponent;
import org.apache.camel.component.opensearch.OpensearchComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettucePoolingClientConfiguration;

/**
 * The CDC example's three outside systems. Each is the one the standard properties name, and where those are not
 * set, a local server on a loopback port, started here and stopped with the application (the way the starter runs
 * the embedded broker when no name server is configured):
 * <ul>
 * <li>source database: {@code camel.component.debezium-postgres.database-hostname} (with -port, -dbname, -user,
 * -password), else a local PostgreSQL;</li>
 * <li>cache: Spring Boot's {@code spring.data.redis.*} (url, host, port, credentials, database, sentinel or cluster
 * nodes), else a local Redis;</li>
 * <li>search: {@code camel.component.opensearch.host-addresses}, else a local OpenSearch node.</li>
 * </ul>
 * PostgreSQL and OpenSearch start in the background, beside the broker; the context waits for them before the routes
 * start. The customizers below run after the starters' own, which copy their defaults (port 5432 among them) onto the
 * components.
 */
@Configuration(proxyBeanMethods = false)
public class CdcServers {

    static final String POSTGRES_HOST = "camel.component.debezium-postgres.database-hostname";
    static final String SEARCH_HOSTS = "camel.component.opensearch.host-addresses";

    @Bean(destroyMethod = "close")
    StateDirectory cdcDataDir(@Value("${rocketcamel.demo.cdc.data-dir:}") String configured) {
        return new StateDirectory(configured, "cdc");
    }

    @Bean
    @ConditionalOnProperty(POSTGRES_HOST)
    PostgresAddress configuredSourceDatabase(Environment env) {
        String prefix = "camel.component.debezium-postgres.database-";
        return new PostgresAddress(env.getRequiredProperty(POSTGRES_HOST), env.getProperty(prefix + "port", Integer.class, 5432),
                env.getRequiredProperty(prefix + "dbname"), env.getRequiredProperty(prefix + "user"),
                env.getRequiredProperty(prefix + "password"));
    }

    @Bean
    @WhenNoneSet(POSTGRES_HOST)
    PostgresAddress localSourceDatabase() {
        return LocalPostgres.pickAddress();
    }

    @Bean(destroyMethod = "close", bootstrap = Bean.Bootstrap.BACKGROUND)
    @WhenNoneSet(POSTGRES_HOST)
    LocalPostgres localPostgres(PostgresAddress address, StateDirectory dataDir) {
        return new LocalPostgres(address, dataDir);
    }

    /** Debezium reads the log of the local database. */
    @Bean
    @WhenNoneSet(POSTGRES_HOST)
    ComponentCustomizer debeziumReadsLocalPostgres(PostgresAddress local) {
        return ComponentCustomizer.builder(DebeziumPostgresComponent.class).withOrder(Ordered.LOWEST).build(component -> {
            var configuration = component.getConfiguration();
            configuration.setDatabaseHostname(local.host());
            configuration.setDatabasePort(local.port());
            configuration.setDatabaseDbname(local.database());
            configuration.setDatabaseUser(local.user());
            configuration.setDatabasePassword(local.password());
        });
    }

    /**
     * The local Redis, only while no property says where Redis is or how to reach it: Spring Boot's own connection
     * factory then connects as those say (a port or a password alone mean a Redis on localhost, sentinel and cluster
     * nodes a real deployment).
     */
    @Configuration(proxyBeanMethods = false)
    @WhenNoneSet({"spring.data.redis.url", "spring.data.redis.host", "spring.data.redis.port",
            "spring.data.redis.username", "spring.data.redis.password", "spring.data.redis.database",
            "spring.data.redis.sentinel.master", "spring.data.redis.sentinel.nodes", "spring.data.redis.cluster.nodes"})
    static class LocalRedisStandIn {

        @Bean(destroyMethod = "close")
        LocalRedis localRedis(StateDirectory dataDir) {
            return new LocalRedis(dataDir);
        }

        /**
         * Replaces Spring Boot's connection factory. Pooled like Boot's own (which pools when commons-pool2 is
         * present): each MULTI/EXEC of the cache needs a connection of its own, and without a pool that is a new TCP
         * connection for every change.
         */
        @Bean
        LettuceConnectionFactory redisConnectionFactory(LocalRedis redis) {
            return new LettuceConnectionFactory(new RedisStandaloneConfiguration(redis.host(), redis.port()),
                    LettucePoolingClientConfiguration.defaultConfiguration());
        }
    }

    @Bean(destroyMethod = "close", bootstrap = Bean.Bootstrap.BACKGROUND)
    @WhenNoneSet(SEARCH_HOSTS)
    LocalOpenSearch localOpenSearch(StateDirectory dataDir) {
        return new LocalOpenSearch(dataDir);
    }

    /** camel-opensearch writes to the local node; it asks for the address when its first route starts. */
    @Bean
    @WhenNoneSet(SEARCH_HOSTS)
    ComponentCustomizer openSearchWritesLocalNode(ObjectProvider<LocalOpenSearch> node) {
        return ComponentCustomizer.builder(OpensearchComponent.class).withOrder(Ordered.LOWEST)
                .build(component -> component.setHostAddresses(node.getObject().hostAddress()));
    }
}
