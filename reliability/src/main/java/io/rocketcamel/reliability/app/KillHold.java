package io.rocketcamel.reliability.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The orchestrator's signal that its kill is coming: once the file named by the setting {@code hold} exists, work that
 * starts records that it stopped and stays where it is until the kill lands, so the kill finds work in flight however
 * late it comes.
 */
final class KillHold {

    private final Path file;

    private KillHold(Path file) {
        this.file = file;
    }

    static KillHold from(AppConfig config) {
        String file = config.get("hold", null);
        return new KillHold(file == null ? null : Path.of(file));
    }

    boolean on() {
        return file != null && Files.exists(file);
    }

    /** Records {@code type id micros}, then waits for the kill. */
    void stay(RecordFile records, String type, String id) throws InterruptedException {
        records.append(type, id, RecordFile.nowMicros());
        new CountDownLatch(1).await();
    }
}
