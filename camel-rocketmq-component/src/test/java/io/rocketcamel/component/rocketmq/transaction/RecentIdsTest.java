package io.rocketcamel.component.rocketmq.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RecentIdsTest {

    /** Past the window a check-back is the checker's again: an outcome that was lost must still be decided. */
    @Test
    void anIdIsHeldForTheWindowOnly() {
        RecentIds ids = new RecentIds(Duration.ofMillis(200), Integer.MAX_VALUE);
        ids.add("a");
        ids.add("b");

        assertThat(ids.contains("a")).isTrue();
        assertThat(ids.contains("b")).isTrue();
        assertThat(ids.contains("c")).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> !ids.contains("a") && !ids.contains("b"));
    }

    /** An id added again (a second transaction reusing it) is let go by its latest addition, not by the first. */
    @Test
    void theLatestAdditionOfAnIdCounts() {
        RecentIds ids = new RecentIds(Duration.ofMillis(300), Integer.MAX_VALUE);
        ids.add("a");
        long first = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() - first > Duration.ofMillis(200).toNanos());
        ids.add("a");
        long second = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() - first > Duration.ofMillis(350).toNanos());
        ids.add("other");

        // the first addition of "a" left the window and was let go; the second keeps it
        assertThat(ids.contains("a") || System.nanoTime() - second > Duration.ofMillis(300).toNanos()).isTrue();
    }

    /** Beyond the limit the oldest go first, also inside the window: memory stays bounded. */
    @Test
    void beyondTheLimitTheOldestGoFirst() {
        RecentIds ids = new RecentIds(Duration.ofHours(1), 3);
        for (String id : new String[] { "a", "b", "c", "d" }) {
            ids.add(id);
        }

        assertThat(ids.contains("a")).isFalse();
        assertThat(ids.contains("b")).isTrue();
        assertThat(ids.contains("d")).isTrue();
    }
}
