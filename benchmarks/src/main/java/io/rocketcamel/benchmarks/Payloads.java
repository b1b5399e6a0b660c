package io.rocketcamel.benchmarks;

import java.nio.ByteBuffer;

/**
 * 1 KiB bodies. Where a workload needs to know more than that a message arrived (end-to-end latency, per-key order),
 * the body carries its send time, order key and sequence, read the same way for every peer (no headers, which the
 * peers map differently); elsewhere one shared body is sent, as a plain loop would.
 */
public final class Payloads {

    public static final int SIZE = 1024;
    /** Never changed after creation: the clients only read the bodies they send. */
    public static final byte[] SHARED = new byte[SIZE];

    private Payloads() {
    }

    public static byte[] stamped(long sentAtNanos, int key, long sequence) {
        byte[] body = new byte[SIZE];
        ByteBuffer.wrap(body).putLong(sentAtNanos).putInt(key).putLong(sequence);
        return body;
    }

    public static long sentAtNanos(byte[] body) {
        return ByteBuffer.wrap(body).getLong(0);
    }

    public static int key(byte[] body) {
        return ByteBuffer.wrap(body).getInt(8);
    }

    public static long sequence(byte[] body) {
        return ByteBuffer.wrap(body).getLong(12);
    }
}
