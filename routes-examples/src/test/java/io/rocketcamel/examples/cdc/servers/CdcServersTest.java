package io.rocketcamel.examples.cdc.servers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

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
