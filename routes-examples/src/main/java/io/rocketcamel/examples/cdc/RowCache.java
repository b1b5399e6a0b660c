package io.rocketcamel.examples.cdc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** The seed's Redis cache (a hash per row, 1 h expiry, removed on DELETE), as an in-process Caffeine cache. */
@Component
public class RowCache {

    private final Cache<String, Map<String, Object>> rows = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(1)).build();

    public void apply(ChangeEvent change) {
        if (change.isDelete()) {
            rows.invalidate(change.pk());
        } else {
            rows.put(change.pk(), change.after());
        }
    }

    public Map<String, Map<String, Object>> snapshot() {
        return new TreeMap<>(rows.asMap());
    }
}
