package io.rocketcamel.examples.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.rocketcamel.examples.StateDirectory;
import io.rocketcamel.examples.cdc.ChangeEvent.Partition;
import io.rocketcamel.examples.cdc.servers.LocalRedis;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The cache against a real Redis (the example's local one): a TRUNCATE removes its own table's rows and no other
 * table's, whatever the names hold. The table of a schema other than {@code public} is named {@code schema.table}
 * (DebeziumChanges), and Redis' SCAN reads its pattern as a glob.
 */
class RedisRowCacheIT {

    private static final int QUEUES = 4;
    private static final List<String> PKS = IntStream.range(0, 40).mapToObj(Integer::toString).toList();

    private static StateDirectory state;
    private static LocalRedis redis;
    private static LettuceConnectionFactory connections;
    private static RedisRowCache cache;

    @BeforeAll
    static void startRedis() {
        state = new StateDirectory(null, "redis-cache-it");
        redis = new LocalRedis(state);
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(redis.host(), redis.port()));
        connections.afterPropertiesSet();
        connections.start();
        cache = new RedisRowCache(new StringRedisTemplate(connections));
    }

    @AfterAll
    static void stopRedis() {
        connections.destroy();
        redis.close();
        state.close();
    }

    private static void insertRows(String table) {
        PKS.forEach(pk -> cache.apply(new ChangeEvent("shop", table, ChangeEvent.INSERT, pk, null, Map.of("id", pk), 1L)));
    }

    /** A TRUNCATE is applied as its copies, one per partition (queue) of the topic. */
    private static void truncate(String table) {
        ChangeEvent truncate = new ChangeEvent("shop", table, ChangeEvent.TRUNCATE, null, null, null, 2L);
        IntStream.range(0, QUEUES).forEach(q -> cache.apply(truncate.forPartition(new Partition(q, QUEUES))));
    }

    @Test
    void aTruncateOfAPublicTableLeavesTheRowsOfTheSchemaOfThatName() {
        insertRows("inventory");
        insertRows("inventory.items");

        truncate("inventory");

        assertThat(cache.rows("shop", "inventory", PKS)).isEmpty();
        assertThat(cache.rows("shop", "inventory.items", PKS)).as("the rows of schema inventory's table items")
                .hasSize(PKS.size());
    }

    @Test
    void aTruncateOfATableWhoseNameHoldsGlobCharactersLeavesTheTablesItWouldMatch() {
        insertRows("a?c");
        insertRows("abc");
        insertRows("ab*");
        insertRows("abd");

        truncate("a?c");
        truncate("ab*");

        assertThat(cache.rows("shop", "a?c", PKS)).isEmpty();
        assertThat(cache.rows("shop", "ab*", PKS)).isEmpty();
        assertThat(cache.rows("shop", "abc", PKS)).hasSize(PKS.size());
        assertThat(cache.rows("shop", "abd", PKS)).hasSize(PKS.size());
    }

    @Test
    void rowsWhoseKeysHoldDotsAreTheirTablesOnly() {
        // table "t" with primary key "x.1", and table "t.x" (schema t) with primary key "1": one key, db.t.x.1, before
        cache.apply(new ChangeEvent("shop", "t", ChangeEvent.INSERT, "x.1", null, Map.of("from", "t"), 1L));
        cache.apply(new ChangeEvent("shop", "t.x", ChangeEvent.INSERT, "1", null, Map.of("from", "t.x"), 1L));

        assertThat(cache.rows("shop", "t", List.of("x.1"))).extractingByKey("x.1")
                .satisfies(row -> assertThat(row.fields()).containsEntry("from", "t"));
        assertThat(cache.rows("shop", "t.x", List.of("1"))).extractingByKey("1")
                .satisfies(row -> assertThat(row.fields()).containsEntry("from", "t.x"));
    }
}
