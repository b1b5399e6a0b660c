package io.rocketcamel.examples.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LoadStartTest {

    @TempDir
    Path dir;

    @Test
    void theLoadBeginsAsSoonAsTheStartFileAppearsNotAfterTheWholeDelay() throws Exception {
        Path file = dir.resolve("start-load");
        CompletableFuture.runAsync(() -> create(file), CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));

        long started = System.nanoTime();
        boolean signalled = LoadStart.await(Duration.ofSeconds(30), file);

        assertThat(signalled).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(10));
    }

    @Test
    void aStartFileThatNeverAppearsHoldsTheLoadForTheDelayOnly() throws Exception {
        long started = System.nanoTime();
        boolean signalled = LoadStart.await(Duration.ofMillis(400), dir.resolve("never"));

        assertThat(signalled).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(350), Duration.ofSeconds(10));
    }

    private static void create(Path file) {
        try {
            Files.createFile(file);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
