package io.rocketcamel.component.rocketmq.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Instance names for the RocketMQ clients this JVM starts. RocketMQ tells clients apart by their address and instance
 * name, the client id: in one JVM, clients with one id share one connection to the cluster, made with the first one's
 * name server (a second component's clients talked to the first one's cluster); across processes, the brokers take
 * clients with one id for one consumer, give both the same queues and leave the others unread, and send replies to
 * either. So every name holds a number no other client of this JVM has, and this JVM's process id and start time:
 * containers run their process as PID 1, behind addresses that repeat on every host (a bridge network's), as
 * RocketMQ's own default name (pid#nanoTime) allows for.
 */
public final class ClientInstanceNames {

    private static final String THIS_JVM = ProcessHandle.current().pid() + "#" + System.nanoTime();
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private ClientInstanceNames() {
    }

    /** A name no other client has: {@code prefix}, a number unique in this JVM, and this JVM's id. */
    public static String next(String prefix) {
        return prefix + "-" + CLIENTS.incrementAndGet() + "-" + THIS_JVM;
    }
}
