package io.rocketcamel.broker;

import java.nio.file.Path;
import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;

/**
 * JVM-wide system properties that RocketMQ's own start scripts set and an in-process broker must set itself. A value
 * the user already set is kept.
 */
final class JvmDefaults {

    static final String OFFSET_DIR_PROPERTY = "rocketmq.client.localOffsetStoreDir";

    private JvmDefaults() {
    }

    /**
     * Every request carries this version; without it the broker's registration is sent as version 0, the name server
     * decodes its body in the pre-3.0.11 format and registers the broker with no topics ("No route info" for every
     * topic until some client in the JVM happens to set the property).
     */
    static synchronized void declareRemotingVersion() {
        if (System.getProperty(RemotingCommand.REMOTING_VERSION_KEY) == null) {
            System.setProperty(RemotingCommand.REMOTING_VERSION_KEY, Integer.toString(MQVersion.CURRENT_VERSION));
        }
    }

    /**
     * Broadcast consumers of the official client keep their offsets in {@code ~/.rocketmq_offsets} unless this
     * property is set before the client's offset store class loads: in a JVM that runs an embedded broker they go
     * under its store instead.
     */
    static synchronized void keepClientOffsetsUnder(Path dir) {
        if (System.getProperty(OFFSET_DIR_PROPERTY) == null) {
            System.setProperty(OFFSET_DIR_PROPERTY, dir.toString());
        }
    }
}
