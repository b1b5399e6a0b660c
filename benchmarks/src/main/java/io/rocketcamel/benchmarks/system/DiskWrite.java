package io.rocketcamel.benchmarks.system;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The physical ceiling next to the broker's store: a plain file written sequentially in 1 MiB blocks on the store's
 * file system, timed to the page cache and again including the final fsync.
 */
public record DiskWrite(long bytes, double cachedMiBPerSecond, double syncedMiBPerSecond) {

    public static DiskWrite measure(Path dir, long bytes) throws IOException {
        Path file = Files.createTempFile(dir, "disk-write", ".bin");
        ByteBuffer block = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long begin = System.nanoTime();
            for (long written = 0; written < bytes; written += block.capacity()) {
                block.clear();
                while (block.hasRemaining()) {
                    channel.write(block);
                }
            }
            long cached = System.nanoTime();
            channel.force(true);
            long synced = System.nanoTime();
            double mib = bytes / (1024.0 * 1024.0);
            return new DiskWrite(bytes, mib / ((cached - begin) / 1e9), mib / ((synced - begin) / 1e9));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
