package io.rocketcamel.component.rocketmq;

import io.rocketcamel.component.rocketmq.consumer.offsets.BroadcastOffsetFile;

/**
 * Another process on this host that keeps a broadcasting node's offsets, as a second instance of the same application
 * does: claims the offset file of {@code <offsetStoreDir> <group> <topic> <broadcastNodeId>}, prints HOLDING and waits
 * until it is killed (or its standard input closes).
 */
public final class BroadcastOffsetHolder {

    private BroadcastOffsetHolder() {
    }

    public static void main(String[] args) throws Exception {
        RocketMQConfiguration configuration = new RocketMQConfiguration();
        configuration.setOffsetStoreDir(args[0]);
        configuration.setConsumerGroup(args[1]);
        configuration.setBroadcastNodeId(args[3]);
        try (BroadcastOffsetFile file = BroadcastOffsetFile.claim(configuration, args[2], "holder", false)) {
            System.out.println("HOLDING " + file.path());
            System.in.read();
        }
    }
}
