package io.rocketcamel.examples.cdc.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * When the CDC example starts its local Redis: only while no Spring Boot Redis property says where Redis is. The
 * source database and the search cluster are configured here, so that only Redis may start locally.
 */
class CdcServersTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(CdcServers.class)
            .withPropertyValues(CdcServers.POSTGRES_HOST + "=127.0.0.1",
                    "camel.component.debezium-postgres.database-dbname=shop",
                    "camel.component.debezium-postgres.database-user=shop",
                    "camel.component.debezium-postgres.database-password=shop",
                    CdcServers.SEARCH_HOSTS + "=127.0.0.1:9200");

    @Test
    void withoutRedisPropertiesALocalRedisStandsIn() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(LocalRedis.class);
            LocalRedis redis = context.getBean(LocalRedis.class);
            assertThat(context.getBean(LettuceConnectionFactory.class).getPort()).isEqualTo(redis.port());
        });
    }

    /**
     * With a configured data directory Debezium's offsets outlive a restart, so no snapshot fills the cache again: the
     * local Redis must come back with the rows it held, as the local PostgreSQL and OpenSearch keep theirs there.
     */
    @Test
    void withADataDirectoryTheLocalRedisKeepsTheCachedRowsAcrossARestart(@TempDir Path dataDir) {
        ApplicationContextRunner persistent = runner.withPropertyValues("rocketcamel.demo.cdc.data-dir=" + dataDir);
        persistent.run(context -> redis(context).opsForHash().put("shop.products.7", "name", "lamp"));

        persistent.run(context -> assertThat(redis(context).<String, String>opsForHash().entries("shop.products.7"))
                .as("the cached row after a restart").containsEntry("name", "lamp"));
    }

    private static StringRedisTemplate redis(ApplicationContext context) {
        return new StringRedisTemplate(context.getBean(LettuceConnectionFactory.class));
    }

    @Test
    void anyRedisConnectionPropertyLeavesRedisToSpringBoot() {
        for (String property : new String[] {"spring.data.redis.port=6390", "spring.data.redis.password=secret",
                "spring.data.redis.database=2", "spring.data.redis.sentinel.master=cache",
                "spring.data.redis.cluster.nodes=127.0.0.1:7000", "spring.data.redis.url=redis://127.0.0.1:6390",
                "spring.data.redis.host=127.0.0.1"}) {
            runner.withPropertyValues(property).run(context -> {
                assertThat(context).as(property).hasNotFailed();
                assertThat(context).as(property).doesNotHaveBean(LocalRedis.class);
                assertThat(context).as(property).doesNotHaveBean(LettuceConnectionFactory.class);
            });
        }
    }
}
