package io.rocketcamel.examples.cdc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The article's Redis cache: a hash per row under its change key {@code db.table.pk} ({@link ChangeEvent#key()}),
 * expiring an hour after the row's last change, deleted on DELETE and on a TRUNCATE of its table. An insert or update
 * replaces the whole hash in one MULTI/EXEC (DEL, HMSET, EXPIRE): no reader sees a half-written row, a column that
 * became NULL loses its field, and the hash never exists without its expiry. Replaying a change writes the same hash
 * again.
 */
@Component
public class RedisRowCache {

    public static final Duration TTL = Duration.ofHours(1);
    private static final int DELETES_PER_CALL = 500;

    private final StringRedisTemplate redis;

    public RedisRowCache(StringRedisTemplate redis) {
        this.redis = redis;
    }

    public void apply(ChangeEvent change) {
        if (change.isTruncate()) {
            truncate(change);
            return;
        }
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

    /**
     * Deletes the cached rows of the TRUNCATE's table in its partition. SCAN walks the keys without blocking Redis;
     * a key written while it walks may or may not be seen, but no row of this partition is written meanwhile: its
     * changes come through the queue this TRUNCATE is being applied from.
     */
    private void truncate(ChangeEvent truncate) {
        // the table's rows only: the key's parts are escaped (ChangeEvent.key), so another table's key never starts
        // with this prefix, and the pattern's own glob characters are escaped for SCAN
        String prefix = truncate.key() + ".";
        List<String> partition = new ArrayList<>();
        try (Cursor<String> keys = redis.scan(ScanOptions.scanOptions().match(literal(prefix) + "*").count(1000).build())) {
            keys.forEachRemaining(key -> {
                if (truncate.partition().holds(ChangeEvent.unescape(key.substring(prefix.length())))) {
                    partition.add(key);
                }
            });
        }
        for (int from = 0; from < partition.size(); from += DELETES_PER_CALL) {
            redis.delete(partition.subList(from, Math.min(partition.size(), from + DELETES_PER_CALL)));
        }
    }

    /** Text that a Redis glob pattern matches only as it is. */
    private static String literal(String text) {
        return text.replaceAll("([\\\\*?\\[\\]])", "\\\\$1");
    }

    /** A cached row with the seconds it has left. */
    public record CachedRow(Map<String, String> fields, long ttlSeconds) {
    }

    /** Those of the rows of {@code db.table} with these primary keys that are cached, by primary key. */
    public Map<String, CachedRow> rows(String database, String table, Collection<String> pks) {
        Map<String, CachedRow> rows = new TreeMap<>();
        for (String pk : pks) {
            String key = ChangeEvent.keyOf(database, table, pk);
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
