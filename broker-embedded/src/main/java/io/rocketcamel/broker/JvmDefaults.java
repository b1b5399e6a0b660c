package io.rocketcamel.broker;

import java.nio.file.Path;
import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.remoting.common.TlsMode;
import org.apache.rocketmq.remoting.netty.TlsSystemConfig;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;

/**
 * JVM-wide system properties that RocketMQ's own start scripts set and an in-process broker must set itself. A value
 * the user already set is kept.
 */
final class JvmDefaults {

    static final String OFFSET_DIR_PROPERTY = "rocketmq.client.localOffsetStoreDir";
    static final String BROKER_LOCK_LIFETIME_PROPERTY = "rocketmq.broker.rebalance.lockMaxLiveTime";
    static final String CLIENT_LOCK_INTERVAL_PROPERTY = "rocketmq.client.rebalance.lockInterval";
    static final String CLIENT_LOCK_LIFETIME_PROPERTY = "rocketmq.client.rebalance.lockMaxLiveTime";
    /** How long the broker keeps an ORDERLY consumer's queue lock without a renewal; RocketMQ's default is 60 s. */
    static final long BROKER_LOCK_LIFETIME_MILLIS = 5_000;
    /** How often ORDERLY consumers renew their locks; RocketMQ's default is 20 s. */
    static final long CLIENT_LOCK_INTERVAL_MILLIS = 2_000;
    /** How long a consumer takes its lock for valid after the last renewal; RocketMQ's default is 30 s. */
    static final long CLIENT_LOCK_LIFETIME_MILLIS = 4_000;

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

    /**
     * The broker keeps an ORDERLY consumer's queue locks for 60 s after their last renewal by default (system property
     * {@value #BROKER_LOCK_LIFETIME_PROPERTY}): when a consumer dies, the instance that takes over its queues gets no
     * message from them for up to a minute (56 s measured). A development broker keeps them 5 s instead. RocketMQ reads
     * the property once, when the first broker of the JVM starts; a value set with {@code -D} wins.
     * <p>
     * Consumers renew their locks every 20 s by default ({@value #CLIENT_LOCK_INTERVAL_PROPERTY}); a lock that lives
     * shorter than that lapses between renewals, and a queue handed to another instance in that gap could be consumed
     * by two at once while the first is still inside a slow message. Consumers in this JVM therefore renew every 2 s;
     * consumers in other JVMs of a development set-up should be started with the same property.
     * <p>
     * A consumer goes on consuming a queue while it takes its lock for valid ({@value #CLIENT_LOCK_LIFETIME_PROPERTY},
     * 30 s after the last renewal by default, against the broker's 60 s): with the broker's 5 s, a consumer whose
     * renewals stalled consumed the queue beside its next owner for up to 25 s. Consumers in this JVM take a lock for
     * expired 4 s after its last renewal, before the broker lets it go.
     */
    static synchronized void shortenOrderlyLocks() {
        if (System.getProperty(BROKER_LOCK_LIFETIME_PROPERTY) == null) {
            System.setProperty(BROKER_LOCK_LIFETIME_PROPERTY, Long.toString(BROKER_LOCK_LIFETIME_MILLIS));
        }
        if (System.getProperty(CLIENT_LOCK_INTERVAL_PROPERTY) == null) {
            System.setProperty(CLIENT_LOCK_INTERVAL_PROPERTY, Long.toString(CLIENT_LOCK_INTERVAL_MILLIS));
        }
        if (System.getProperty(CLIENT_LOCK_LIFETIME_PROPERTY) == null) {
            System.setProperty(CLIENT_LOCK_LIFETIME_PROPERTY, Long.toString(CLIENT_LOCK_LIFETIME_MILLIS));
        }
    }

    /**
     * RocketMQ's servers default to "permissive" TLS, for which every name server and broker generates a self-signed
     * RSA key at start: seconds per server on a busy machine (2m-2s-sync in one JVM started in 12.4 s with it, 4.5 s
     * without), for connections that clients on this machine make in plain text anyway. Off unless
     * {@value TlsSystemConfig#TLS_SERVER_MODE} is set; RocketMQ reads the mode into a mutable field once, so it is set
     * there too.
     */
    static synchronized void plainTextServers() {
        if (System.getProperty(TlsSystemConfig.TLS_SERVER_MODE) == null) {
            System.setProperty(TlsSystemConfig.TLS_SERVER_MODE, TlsMode.DISABLED.getName());
            TlsSystemConfig.tlsMode = TlsMode.DISABLED;
        }
    }

    /**
     * Servers that accept TLS besides plain text, RocketMQ's own "permissive" default, for clients with useTls: a
     * server built while the mode is off keeps refusing a TLS client's handshake, which the client reports only as a
     * failed request. JVM-wide, as RocketMQ reads it; "enforcing", set by the JVM, is kept.
     */
    static synchronized void tlsServers() {
        if (TlsSystemConfig.tlsMode == TlsMode.DISABLED) {
            System.setProperty(TlsSystemConfig.TLS_SERVER_MODE, TlsMode.PERMISSIVE.getName());
            TlsSystemConfig.tlsMode = TlsMode.PERMISSIVE;
        }
    }
}
