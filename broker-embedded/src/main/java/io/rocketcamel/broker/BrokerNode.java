package io.rocketcamel.broker;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.apache.rocketmq.auth.config.AuthConfig;
import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.TopicAttributes;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.attribute.TopicMessageType;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageClientIDSetter;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageExtBrokerInner;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.store.ConsumeQueue;
import org.apache.rocketmq.store.GetMessageResult;
import org.apache.rocketmq.store.MessageStore;
import org.apache.rocketmq.store.PutMessageResult;
import org.apache.rocketmq.store.PutMessageStatus;
import org.apache.rocketmq.store.config.BrokerRole;
import org.apache.rocketmq.store.config.MessageStoreConfig;
import org.apache.rocketmq.store.exception.ConsumeQueueException;
import org.apache.rocketmq.store.ha.HAClient;
import org.apache.rocketmq.store.ha.HAConnectionState;

/** One started {@link BrokerController}: its name, id, role, address and store. */
final class BrokerNode {

    private static final System.Logger LOG = System.getLogger(BrokerNode.class.getName());

    /**
     * Development-sized consume-queue files and index: RocketMQ's defaults (300,000 entries per consume-queue file,
     * 5 million index slots, a 420 MB index file) are sparse but still reserve address space and disk per broker.
     */
    private static final int CONSUME_QUEUE_ENTRIES_PER_FILE = 100_000;
    private static final int INDEX_HASH_SLOTS = 50_000;
    /** How often a temporary store's timer wheel is flushed: see {@link #start}. */
    private static final int TEMPORARY_STORE_TIMER_FLUSH_MILLIS = 600_000;
    /** The group {@link #messages} reads as: the store counts reads per group, and no client uses this one. */
    private static final Duration DISPATCH_TIMEOUT = Duration.ofSeconds(10);
    private static final long DISPATCH_POLL_NANOS = 1_000_000;
    private static final String READER_GROUP = "rocketcamel-embedded-reader";

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
    static BrokerNode start(NodeSpec spec, int port, String namesrvAddr, Path storeRoot, boolean temporaryStore,
                            BrokerSettings settings) {
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
        // Development-sized files, as the constants above
        storeConfig.setMappedFileSizeCommitLog(settings.commitLogFileSize());
        storeConfig.setMappedFileSizeConsumeQueue(CONSUME_QUEUE_ENTRIES_PER_FILE * ConsumeQueue.CQ_STORE_UNIT_SIZE);
        storeConfig.setMaxHashSlotNum(INDEX_HASH_SLOTS);
        storeConfig.setMaxIndexNum(INDEX_HASH_SLOTS * 4);
        // The timer wheel's flush compares the whole wheel (2 x 7 days of slots, 38.7 MB whatever the precision) byte
        // by byte and msyncs it; every second that took 22-36 % of a busy benchmark's CPU, and a call takes about
        // 0.45 s of CPU in a JVM that runs C1 only (as test JVMs do). It only shortens what a restart re-reads from the
        // timer log (RocketMQ's stop does not flush the wheel either), so a development broker does it every 10 s, and
        // one on a temporary store, which nothing reopens, every 10 minutes.
        storeConfig.setTimerFlushIntervalMs(temporaryStore ? TEMPORARY_STORE_TIMER_FLUSH_MILLIS : 10_000);
        // Each flush that is due for a progress line also counts the messages in every slot of the wheel (1.2 million
        // slots, four thread-local look-ups each): with RocketMQ's 10 s that doubled an idle broker's CPU (4.2 % of a
        // core at rest with 10 min, 8.9 % with 10 s, measured by BrokerFootprints). The line is diagnostics only.
        storeConfig.setTimerProgressLogIntervalMs(600_000);

        // Over diskSpaceCleanForciblyRatio (85%) RocketMQ deletes every commit-log file but the last, read or not, and
        // consumers skip what they held: a laptop's or CI machine's disk is often that full. Without the forced clean-up
        // files go after fileReservedTime (72 h) as ever, and over 90% the store refuses messages, which senders see.
        storeConfig.setCleanFileForciblyEnable(false);

        settings.properties().applyTo(brokerConfig, storeConfig);

        NettyServerConfig serverConfig = new NettyServerConfig();
        serverConfig.setBindAddress(settings.host());
        serverConfig.setListenPort(port);

        AuthConfig authConfig = settings.authentication() == null ? null
                : settings.authentication().toAuthConfig(name, settings.clusterName(), storeRoot);
        BrokerController controller;
        try {
            controller = HomeRedirect.call(storeRoot,
                    () -> new BrokerController(brokerConfig, serverConfig, new NettyClientConfig(), storeConfig, authConfig));
        } catch (Exception e) {
            throw failedStore(name, storeRoot, e);
        }
        boolean initialized;
        try {
            initialized = HomeRedirect.call(storeRoot, controller::initialize);
        } catch (Exception e) {
            // what initialize() had started before it threw (the store's threads among them) would run on
            FastShutdown.abandon(controller, storeRoot);
            throw failedStore(name, storeRoot, e);
        }
        if (!initialized) {
            FastShutdown.abandon(controller, storeRoot);
            throw new EmbeddedBrokerException("Broker " + name + " failed to initialize (store " + storeRoot
                    + "); see " + Logs.file() + " for RocketMQ's reason");
        }
        if (authConfig != null) {
            try {
                settings.authentication().replaceSuperUsers(authConfig);
            } catch (RuntimeException e) {
                FastShutdown.abandon(controller, storeRoot);
                throw new EmbeddedBrokerException("Broker " + name + " could not set its authentication user in "
                        + storeRoot.resolve("config") + ": " + e, e);
            }
        }
        try {
            controller.start();
        } catch (Exception e) {
            FastShutdown.abandon(controller, storeRoot);
            throw PortInUse.translateBroker(name, settings.host(), port, e);
        }
        SpinningService.stop(controller);
        String shortOfDirectMemory = DirectMemoryBudget.reserve(controller, name,
                DirectMemoryBudget.need(brokerConfig, storeConfig), DirectMemoryBudget.jvmLimit());
        if (shortOfDirectMemory != null) {
            LOG.log(Level.WARNING, shortOfDirectMemory);
        }
        return new BrokerNode(spec, storeRoot, controller);
    }

    private static EmbeddedBrokerException failedStore(String name, Path storeRoot, Exception cause) {
        return new EmbeddedBrokerException("Broker " + name + " failed to initialize its store at " + storeRoot + ": "
                + cause, cause);
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

    /** The topic's queue ids on this broker: none when it does not have the topic. */
    IntStream queueIds(String topic) {
        TopicConfig config = controller.getTopicConfigManager().selectTopicConfig(topic);
        return config == null ? IntStream.empty()
                : IntStream.range(0, Math.max(config.getReadQueueNums(), config.getWriteQueueNums()));
    }

    /** Messages the queue still holds: from its lowest offset (older files may be deleted) to its end. */
    long messageCount(String topic, int queueId) {
        return Math.max(0, maxOffset(topic, queueId) - controller.getMessageStore().getMinOffsetInQueue(topic, queueId));
    }

    /**
     * Stored messages past the group's committed offset, every stored message while the group has committed none:
     * {@code mqadmin consumerProgress}'s diff, less the messages retention removed (the group skips them, they are not
     * there to consume).
     */
    long lag(String group, String topic, int queueId) {
        long committed = controller.getConsumerOffsetManager().queryOffset(group, topic, queueId);
        long oldestStored = controller.getMessageStore().getMinOffsetInQueue(topic, queueId);
        return Math.max(0, maxOffset(topic, queueId) - Math.max(oldestStored, committed));
    }

    /** The queue's end: the offset its next message gets, counting every message stored before the call. */
    long maxOffset(String topic, int queueId) {
        awaitDispatched();
        try {
            return controller.getMessageStore().getMaxOffsetInQueue(topic, queueId);
        } catch (ConsumeQueueException e) {
            throw new EmbeddedBrokerException("Cannot read the end of queue " + queueId + " of " + topic + " on "
                    + name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until the store has put every message written to its commit log before the call into its consume queues.
     * A send returns once the commit log holds the message; the store's dispatcher adds it to its queue a moment
     * later, and until then the queue neither counts nor serves it (a fixture call right after a send saw "holds 145
     * messages" of 200 just sent).
     */
    private void awaitDispatched() {
        MessageStore store = controller.getMessageStore();
        long written = store.getConfirmOffset();
        long deadline = System.nanoTime() + DISPATCH_TIMEOUT.toNanos();
        while (store.getConfirmOffset() - store.dispatchBehindBytes() < written) {
            if (System.nanoTime() > deadline) {
                throw new EmbeddedBrokerException("Broker " + name() + " did not add the messages stored up to commit-log"
                        + " offset " + written + " to their queues within " + DISPATCH_TIMEOUT.toSeconds() + " s ("
                        + store.dispatchBehindBytes() + " bytes behind); see " + Logs.file());
            }
            LockSupport.parkNanos(DISPATCH_POLL_NANOS);
        }
    }

    /**
     * The queue's messages in offset order, read from the store: no consumer group's offset moves. Decoded as a client
     * decodes them, so {@code getMsgId()} is the id producers and consumers see, not the store's offset id (that one is
     * {@code getOffsetMsgId()}).
     */
    List<MessageExt> messages(String topic, int queueId) {
        awaitDispatched();
        MessageStore store = controller.getMessageStore();
        List<MessageExt> messages = new ArrayList<>();
        long offset = store.getMinOffsetInQueue(topic, queueId);
        while (true) {
            GetMessageResult result = store.getMessage(READER_GROUP, topic, queueId, offset, 1000, null);
            if (result == null || result.getMessageBufferList().isEmpty()) {
                return messages;
            }
            try {
                result.getMessageBufferList().forEach(buffer -> messages.add(MessageDecoder.decode(buffer, true, true, true)));
                offset = result.getNextBeginOffset();
            } finally {
                result.release();
            }
        }
    }

    /**
     * Stores the message in the queue through the broker's message store, with what the broker's send processor adds
     * to a client's message (a unique id, the cluster, born and store hosts), so consumers see it as a sent one.
     *
     * @return the message's id, as a consumer reads it with {@code getMsgId()}
     */
    String put(Message message, int queueId) {
        MessageClientIDSetter.setUniqID(message);
        MessageExtBrokerInner inner = new MessageExtBrokerInner();
        inner.setTopic(message.getTopic());
        inner.setQueueId(queueId);
        inner.setBody(message.getBody());
        inner.setFlag(message.getFlag());
        MessageAccessor.setProperties(inner, new HashMap<>(message.getProperties()));
        MessageAccessor.putProperty(inner, MessageConst.PROPERTY_CLUSTER, controller.getBrokerConfig().getBrokerClusterName());
        inner.setPropertiesString(MessageDecoder.messageProperties2String(inner.getProperties()));
        inner.setTagsCode(MessageExtBrokerInner.tagsString2tagsCode(inner.getTags()));
        inner.setBornTimestamp(System.currentTimeMillis());
        inner.setBornHost(controller.getStoreHost());
        inner.setStoreHost(controller.getStoreHost());
        PutMessageResult result = controller.getMessageStore().putMessage(inner);
        if (result == null || !result.isOk()) {
            throw new EmbeddedBrokerException("Broker " + name() + " did not store the message for " + message.getTopic()
                    + ": " + (result == null ? "no result" : result.getPutMessageStatus()));
        }
        // isOk() holds for a message appended without the flush or the slave's copy the broker's settings require,
        // which a producer hears as a send status other than SEND_OK
        if (result.getPutMessageStatus() != PutMessageStatus.PUT_OK) {
            throw new EmbeddedBrokerException("Broker " + name() + " stored the message " + MessageClientIDSetter.getUniqID(message)
                    + " for " + message.getTopic() + " but answered " + result.getPutMessageStatus() + ": it was not"
                    + " flushed to disk (SYNC_FLUSH) or copied to a slave (SYNC_MASTER) in time, as a producer's send"
                    + " is told; a consumer may still receive it");
        }
        return MessageClientIDSetter.getUniqID(message);
    }
}
