package io.rocketcamel.broker;

import java.nio.file.Path;
import java.util.Map;
import org.apache.rocketmq.auth.config.AuthConfig;
import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.TopicAttributes;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.attribute.TopicMessageType;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.store.config.BrokerRole;
import org.apache.rocketmq.store.config.MessageStoreConfig;
import org.apache.rocketmq.store.ha.HAClient;
import org.apache.rocketmq.store.ha.HAConnectionState;

/** One started {@link BrokerController}: its name, id, role, address and store. */
final class BrokerNode {

    private final NodeSpec spec;
    private final Path storeRoot;
    private final BrokerController controller;
    /** A slave's HA client's last write when it was created: the client has reported to its master once it changed. */
    private final long createdHaWrite;

    private BrokerNode(NodeSpec spec, Path storeRoot, BrokerController controller) {
        this.spec = spec;
        this.storeRoot = storeRoot;
        this.controller = controller;
        HAClient client = haClient();
        this.createdHaWrite = client == null ? 0 : client.getLastWriteTimestamp();
    }

    /**
     * @param port the broker's port, 0 for a free one; a fixed port N also fixes the fast port (N-2) and the HA port
     *             (N+1), RocketMQ's own convention, so that a restarted broker comes back on the same addresses
     */
    static BrokerNode start(NodeSpec spec, int port, String namesrvAddr, Path storeRoot, BrokerSettings settings) {
        String name = spec.key();
        BrokerConfig brokerConfig = new BrokerConfig();
        brokerConfig.setBrokerClusterName(settings.clusterName());
        brokerConfig.setBrokerName(spec.brokerName());
        brokerConfig.setBrokerId(spec.brokerId());
        brokerConfig.setNamesrvAddr(namesrvAddr);
        // The default is the first network interface; clients on this machine must reach the broker on loopback.
        brokerConfig.setBrokerIP1(settings.host());
        brokerConfig.setBrokerIP2(settings.host());
        brokerConfig.setRocketmqHome(storeRoot.toString());
        brokerConfig.setBrokerConfigPath(storeRoot.resolve("config").resolve("broker.properties").toString());
        brokerConfig.setEnablePropertyFilter(true);
        // clients with message tracing on (the component's enableTrace) write to RMQ_SYS_TRACE_TOPIC
        brokerConfig.setTraceTopicEnable(true);
        brokerConfig.setTransactionCheckInterval(settings.transactionCheckInterval().toMillis());
        brokerConfig.setTransactionTimeOut(settings.transactionTimeout().toMillis());
        brokerConfig.setTransactionCheckMax(settings.transactionCheckMax());
        // Commit/rollback markers are written in batches; if a batch waits longer than the transaction timeout, or than
        // the next check round, already decided transactions are checked back again, and one answered COMMIT twice is
        // delivered twice (seen with a 1 s check interval and 1 s batches).
        long markerBatch = Math.min(settings.transactionTimeout().toMillis(), settings.transactionCheckInterval().toMillis()) / 2;
        brokerConfig.setTransactionOpBatchInterval((int) Math.max(100, Math.min(3000, markerBatch)));
        // RocketMQ answers "broker busy" to a send that waited over 200 ms in its queue: a laptop or CI machine whose
        // cores are taken by a build reaches that with a handful of callers (10 of 54 transactional sends rejected in
        // the examples' load mode on a loaded 2-core machine); a development broker waits up to a second instead.
        brokerConfig.setWaitTimeMillsInSendQueue(1000);

        MessageStoreConfig storeConfig = new MessageStoreConfig();
        storeConfig.setStorePathRootDir(storeRoot.toString());
        storeConfig.setStorePathCommitLog(storeRoot.resolve("commitlog").toString());
        storeConfig.setFlushDiskType(settings.flushDiskType());
        storeConfig.setMessageDelayLevel(settings.delayLevels().spec());
        storeConfig.setHaListenPort(port == 0 ? 0 : port + 1);
        storeConfig.setBrokerRole(spec.role());
        if (spec.role() == BrokerRole.SYNC_MASTER) {
            // In RocketMQ 5 the role alone does not wait for the slave: outside controller mode the number of copies a
            // send waits for is inSyncReplicas, default 1 (CommitLog.handleHA), so a 4.x style SYNC_MASTER replicates
            // asynchronously. Two copies (master and slave) before the acknowledgement is what SYNC_MASTER promises.
            storeConfig.setInSyncReplicas(2);
            storeConfig.setTotalReplicas(2);
        }
        if (spec.role() != BrokerRole.ASYNC_MASTER) {
            // The master points consumers that fall behind (reading from disk) at its slave, and a slave serves them.
            brokerConfig.setSlaveReadEnable(true);
        }
        if (spec.role() == BrokerRole.SLAVE) {
            // A master sends nothing to a new slave until the slave has reported its offset, which it does first one
            // heartbeat interval after it was created (5 s by default): a SYNC_MASTER's sends would time out until then.
            storeConfig.setHaSendHeartbeatInterval(1000);
        }
        // Development-sized files: the defaults (1 GiB commit log, 420 MB index file) are sparse but still
        // reserve address space and disk per broker.
        storeConfig.setMappedFileSizeCommitLog(settings.commitLogFileSize());
        storeConfig.setMappedFileSizeConsumeQueue(settings.consumeQueueEntriesPerFile() * 20);
        storeConfig.setMaxHashSlotNum(settings.indexHashSlots());
        storeConfig.setMaxIndexNum(settings.indexHashSlots() * 4);
        // The timer wheel's flush compares the whole wheel (7 days of slots, 38.7 MB at the default 1 s precision,
        // 387 MB at 100 ms) byte by byte and msyncs it; every second that took 22-36 % of a busy benchmark's CPU. It
        // only persists timer state for recovery, not delivery, so a development broker does it every 10 s.
        storeConfig.setTimerFlushIntervalMs(10_000);
        // Each flush that is due for a progress line also counts the messages in every slot of the wheel (1.2 million
        // slots, four thread-local look-ups each): with RocketMQ's 10 s that doubled an idle broker's CPU (4.2 % of a
        // core at rest with 10 min, 8.9 % with 10 s, measured by BrokerFootprints). The line is diagnostics only.
        storeConfig.setTimerProgressLogIntervalMs(600_000);

        settings.properties().applyTo(brokerConfig, storeConfig);

        NettyServerConfig serverConfig = new NettyServerConfig();
        serverConfig.setBindAddress(settings.host());
        serverConfig.setListenPort(port);

        AuthConfig authConfig = settings.authentication() == null ? null
                : settings.authentication().toAuthConfig(name, settings.clusterName(), storeRoot);
        BrokerController controller;
        boolean initialized;
        try {
            controller = HomeRedirect.call(storeRoot,
                    () -> new BrokerController(brokerConfig, serverConfig, new NettyClientConfig(), storeConfig, authConfig));
            initialized = HomeRedirect.call(storeRoot, controller::initialize);
        } catch (Exception e) {
            throw new EmbeddedBrokerException("Broker " + name + " failed to initialize its store at " + storeRoot + ": " + e, e);
        }
        if (!initialized) {
            controller.shutdown();
            throw new EmbeddedBrokerException("Broker " + name + " failed to initialize (store " + storeRoot
                    + "); see " + Logs.file() + " for RocketMQ's reason");
        }
        try {
            controller.start();
        } catch (Exception e) {
            controller.shutdown();
            throw PortInUse.translate("Broker " + name, settings.host(), port, e);
        }
        SpinningService.stop(controller);
        return new BrokerNode(spec, storeRoot, controller);
    }

    NodeSpec spec() {
        return spec;
    }

    /** Unique within the cluster: {@code broker-a} for a master, {@code broker-a-s1} for its slave. */
    String name() {
        return spec.key();
    }

    RunningBroker describe() {
        return new RunningBroker(spec.brokerName(), spec.brokerId(), spec.role(), address());
    }

    /**
     * A slave replicates once its HA client has connected to the master and reported its offset, from which the master
     * then sends it the commit log.
     */
    boolean isReplicating() {
        HAClient client = haClient();
        return client != null && client.getCurrentState() == HAConnectionState.TRANSFER
                && client.getLastWriteTimestamp() != createdHaWrite;
    }

    /** A slave's HA client retries a failed connection every 5 s: try again now (the master may just have come up). */
    void retryReplication() {
        HAClient client = haClient();
        if (client != null && client.getCurrentState() == HAConnectionState.READY) {
            client.wakeup();
        }
    }

    /**
     * A stopped slave must stop acknowledging its master's writes at once: until its HA client stops in the
     * background teardown, a SYNC_MASTER would go on answering SEND_OK for copies that no running slave holds.
     */
    void stopReplicating() {
        HAClient client = haClient();
        if (client != null) {
            client.shutdown();
        }
    }

    private HAClient haClient() {
        return controller.getMessageStore().getHaService().getHAClient();
    }

    String address() {
        return controller.getBrokerAddr();
    }

    Path storeRoot() {
        return storeRoot;
    }

    BrokerController controller() {
        return controller;
    }

    void createTopic(String topic, int queues, TopicMessageType type) {
        TopicConfig config = new TopicConfig(topic, queues, queues);
        // Attributes given at creation carry the "+" (add) prefix, as mqadmin's "-a +message.type=FIFO" does.
        config.setAttributes(Map.of("+" + TopicAttributes.TOPIC_MESSAGE_TYPE_ATTRIBUTE.getName(), type.getValue()));
        controller.getTopicConfigManager().updateTopicConfig(config);
        registerWithNameServer();
    }

    void registerWithNameServer() {
        controller.registerBrokerAll(true, false, true);
    }
}
