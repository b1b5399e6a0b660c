package io.rocketcamel.component.rocketmq.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RecentlyEndedTest {

    /** Past the window a check-back is the checker's again: an outcome that was lost must still be decided. */
    @Test
    void aTransactionIsRecentlyEndedForTheWindowOnly() {
        RecentlyEnded ended = new RecentlyEnded(Duration.ofMillis(200));
        ended.ended("a");
        ended.ended("b");

        assertThat(ended.contains("a")).isTrue();
        assertThat(ended.contains("b")).isTrue();
        assertThat(ended.contains("c")).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> !ended.contains("a") && !ended.contains("b"));
    }

    /** An id ended again (a second transaction reusing it) is pruned by its latest end, not by the first. */
    @Test
    void theLatestEndOfAnIdCounts() {
        RecentlyEnded ended = new RecentlyEnded(Duration.ofMillis(300));
        ended.ended("a");
        long first = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() - first > Duration.ofMillis(200).toNanos());
        ended.ended("a");
        long second = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() - first > Duration.ofMillis(350).toNanos());
        ended.ended("other");

        // the first end of "a" left the window and was pruned; the second keeps it
        assertThat(ended.contains("a") || System.nanoTime() - second > Duration.ofMillis(300).toNanos()).isTrue();
    }
}
