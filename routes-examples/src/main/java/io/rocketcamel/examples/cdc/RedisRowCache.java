package io.rocketcamel.examples.cdc;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The article's Redis cache: a hash per row under its change key {@code db.table.pk}, expiring an hour after the row's
 * last change, deleted on DELETE. An insert or update replaces the whole hash in one MULTI/EXEC (DEL, HMSET,
 * EXPIRE): no reader sees a half-written row, a column that became NULL loses its field, and the hash never exists
 * without its expiry. Replaying a change writes the same hash again.
 */
@Component
public class RedisRowCache {

    public static final Duration TTL = Duration.ofHours(1);

    private final StringRedisTemplate redis;

    public RedisRowCache(StringRedisTemplate redis) {
        this.redis = redis;
    }

    public void apply(ChangeEvent change) {
        String key = change.key();
        if (change.isDelete()) {
            redis.delete(key);
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        change.after().forEach((column, value) -> {
            if (value != null) {
                fields.put(column, value.toString());
            }
        });
        List<Object> results = redis.execute(new SessionCallback<>() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            public List<Object> execute(RedisOperations operations) throws DataAccessException {
                operations.multi();
                operations.delete(key);
                operations.opsForHash().putAll(key, fields);
                operations.expire(key, TTL);
                return operations.exec();
            }
        });
        // EXPIRE comes last and answers true when the key it just wrote exists
        if (results == null || results.isEmpty() || !Boolean.TRUE.equals(results.get(results.size() - 1))) {
            throw new IllegalStateException("Redis did not apply the change of " + key + ": " + results);
        }
    }

    /** A cached row with the seconds it has left. */
    public record CachedRow(Map<String, String> fields, long ttlSeconds) {
    }

    /** Those of the rows of {@code db.table} with these primary keys that are cached, by primary key. */
    public Map<String, CachedRow> rows(String database, String table, Collection<String> pks) {
        Map<String, CachedRow> rows = new TreeMap<>();
        for (String pk : pks) {
            String key = database + "." + table + "." + pk;
            Map<String, String> fields = new TreeMap<>();
            redis.<String, String>opsForHash().entries(key).forEach(fields::put);
            if (!fields.isEmpty()) {
                Long ttl = redis.getExpire(key);
                rows.put(pk, new CachedRow(fields, ttl == null ? -2 : ttl));
            }
        }
        return rows;
    }
}
