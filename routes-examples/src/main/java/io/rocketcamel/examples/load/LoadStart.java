package io.rocketcamel.examples.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * When the load begins: after {@code rocketcamel.load.start-delay} or, with {@code rocketcamel.load.start-file}, as
 * soon as that file exists, the delay being the longest wait. A benchmark creates the file once it has sampled the app
 * at rest, which a fixed delay could not promise on a loaded machine.
 */
final class LoadStart {

    private LoadStart() {
    }

    /** @return whether the start file appeared ({@code false} without one) */
    static boolean await(Duration delay, Path startFile) throws InterruptedException {
        if (startFile == null) {
            Thread.sleep(delay.toMillis());
            return false;
        }
        long deadline = System.nanoTime() + delay.toNanos();
        while (!Files.exists(startFile) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (Files.exists(startFile)) {
            return true;
        }
        System.out.println("LOAD START " + startFile + " did not appear within " + delay + ": the load begins");
        return false;
    }
}
