package io.rocketcamel.benchmarks;

import java.nio.ByteBuffer;

/**
 * 1 KiB bodies that carry their own send time, sequence and order key, so a consumer in this JVM measures end-to-end
 * latency and per-key order from the body alone, the same way for every peer (no headers, which the peers map
 * differently).
 */
final class Payloads {

    static final int SIZE = 1024;

    private Payloads() {
    }

    static byte[] stamped(long sequence, int key) {
        byte[] body = new byte[SIZE];
        ByteBuffer.wrap(body).putLong(System.nanoTime()).putLong(sequence).putInt(key);
        return body;
    }

    static long sentAtNanos(byte[] body) {
        return ByteBuffer.wrap(body).getLong(0);
    }

    static long sequence(byte[] body) {
        return ByteBuffer.wrap(body).getLong(8);
    }

    static int key(byte[] body) {
        return ByteBuffer.wrap(body).getInt(16);
    }
}
