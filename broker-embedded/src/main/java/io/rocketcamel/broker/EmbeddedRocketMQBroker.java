package io.rocketcamel.broker;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.common.attribute.TopicMessageType;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.namesrv.NamesrvConfig;
import org.apache.rocketmq.namesrv.NamesrvController;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.store.ConsumeQueue;

/**
 * The real Apache RocketMQ name server and one or more brokers, started in this JVM.
 *
 * <pre>{@code
 * try (EmbeddedRocketMQBroker broker = EmbeddedRocketMQBroker.builder().topic("orders", 4).start()) {
 *     producer.setNamesrvAddr(broker.getNamesrvAddr());
 * }
 * }</pre>
 *
 * Everything it writes (store, name server config) goes under {@link #getStoreDir()}; a temporary store is deleted on
 * {@link #close()}, a given one is kept so that a restart finds every message and offset. RocketMQ's log goes to one
 * file per JVM, in the first broker's kept store or, for a temporary one, in a directory of the JVM's own that
 * outlives every store (docs/storage.md).
 */
public final class EmbeddedRocketMQBroker implements AutoCloseable {

    /** System property the JUnit extension and the runner publish the name server address under. */
    public static final String NAMESRV_ADDR_PROPERTY = "rocketmq.namesrv.addr";

    private static final System.Logger LOG = System.getLogger(EmbeddedRocketMQBroker.class.getName());
    private static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Kept store directories of this JVM's unclosed instances, by absolute path, with who uses them: RocketMQ's own
     * lock of a store fails in the same JVM with a bare OverlappingFileLockException, after the second instance's name
     * server has started.
     */
    private static final Map<Path, String> STORES_IN_USE = new ConcurrentHashMap<>();
    private static final String STARTING = "an embedded broker starting in this JVM";

    private final BrokerSettings settings;
    private final StoreDirectory store;
    /** Null when the brokers register with a name server of another process. */
    private final NamesrvController namesrv;
    private final String namesrvAddr;
    /** By {@link NodeSpec#key()}: {@code broker-a}, {@code broker-a-s1}, ... */
    private final Map<String, BrokerNode> brokers = new LinkedHashMap<>();
    private volatile NameServerView view;
    private volatile boolean closed;
    /**
     * Round-robin position of {@link #send(Message)} over each topic's queues: one position for all topics put the
     * messages of topics sent to in turn on one queue each.
     */
    private final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();

    private EmbeddedRocketMQBroker(BrokerSettings settings, StoreDirectory store, NamesrvController namesrv) {
        this.settings = settings;
        this.store = store;
        this.namesrv = namesrv;
        this.namesrvAddr = namesrv == null ? settings.externalNamesrv()
                : settings.host() + ":" + namesrv.getRemotingServer().localListenPort();
        this.view = namesrv == null ? null : NameServerView.local(namesrv);
    }

    public static EmbeddedRocketMQBrokerBuilder builder() {
        return new EmbeddedRocketMQBrokerBuilder();
    }

    /**
     * @return {@code host:port} of the name server, as clients' {@code setNamesrvAddr} takes it; the given address(es)
     * when the brokers register with a name server of another process
     */
    public String getNamesrvAddr() {
        return namesrvAddr;
    }

    public Path getStoreDir() {
        return store.root();
    }

    /** The delay levels the brokers were started with, for validating a {@code delayLevel} against them. */
    public DelayLevels getDelayLevels() {
        return settings.delayLevels();
    }

    /**
     * Names of the running brokers, in start order ({@code broker-a}, {@code broker-b}, ...); a master and its slaves
     * share one name.
     */
    public List<String> getBrokerNames() {
        synchronized (brokers) {
            return brokers.values().stream().map(node -> node.spec().brokerName()).distinct().toList();
        }
    }

    /** Every running broker, masters and slaves, in start order (masters first). */
    public List<RunningBroker> getBrokers() {
        synchronized (brokers) {
            return brokers.values().stream().map(BrokerNode::describe).toList();
        }
    }

    /** @return {@code host:port} of the named broker's master (or, in a process without it, its lowest-id slave) */
    public String getBrokerAddr(String brokerName) {
        return node(brokerName).address();
    }

    /** @return {@code host:port} of the broker with this name and broker id (0 the master, 1 and up slaves) */
    public String getBrokerAddr(String brokerName, long brokerId) {
        return node(brokerName, brokerId).address();
    }

    /**
     * The underlying controller of the named broker's master (or lowest-id running node), for what this API does not
     * cover (admin operations, statistics). Changes made through it are not validated here.
     */
    public BrokerController getBrokerController(String brokerName) {
        return node(brokerName).controller();
    }

    /** The underlying controller of the broker with this name and broker id. */
    public BrokerController getBrokerController(String brokerName, long brokerId) {
        return node(brokerName, brokerId).controller();
    }

    /**
     * As retention does when it deletes a queue's oldest files: the first {@code count} messages the queue on the
     * named broker still holds are no longer there to read or count, and the broker answers a new group "no offset"
     * there instead of starting it at the first message. A further call removes further messages, as retention's next
     * round does; none comes back. For tests of what consumers do once messages have expired.
     *
     * @throws IllegalArgumentException for a negative count, a count beyond the messages the queue holds, a queue that
     *                                  holds no message, or one the broker does not keep in a plain consume queue
     */
    public void removeFirstMessages(String brokerName, String topic, int queueId, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be 0 or more, was " + count);
        }
        BrokerNode node = node(brokerName);
        Object queue = node.controller().getMessageStore().getConsumeQueue(topic, queueId);
        if (queue == null) {
            throw new IllegalArgumentException("Queue " + queueId + " of " + topic + " on " + brokerName
                    + " holds no message: there is nothing to remove");
        }
        if (!(queue instanceof ConsumeQueue consumeQueue)) {
            throw new IllegalArgumentException("Queue " + queueId + " of " + topic + " on " + brokerName + " is a "
                    + queue.getClass().getSimpleName() + ", not a plain consume queue: its first messages cannot be"
                    + " removed here");
        }
        long start = consumeQueue.getMinOffsetInQueue();
        long held = node.maxOffset(topic, queueId) - start;
        if (count > held) {
            // a start past the end hid the messages stored next, up to that position, from every reader
            throw new IllegalArgumentException("Queue " + queueId + " of " + topic + " on " + brokerName + " holds "
                    + held + (held == 1 ? " message" : " messages") + ": cannot remove " + count);
        }
        // from the current start: set as an absolute position, a smaller count brought removed messages back
        consumeQueue.setMinLogicOffset((start + count) * ConsumeQueue.CQ_STORE_UNIT_SIZE);
    }

    /**
     * Creates (or resizes) a topic with {@code queues} read and write queues on every running broker and registers
     * it with the name server at once, so clients see its route on their first look-up. Without this, a topic is
     * auto-created on the first send with the producer's default of 4 queues.
     */
    public EmbeddedRocketMQBroker createTopic(String topic, int queues) {
        return createTopic(topic, queues, TopicMessageType.NORMAL);
    }

    /**
     * Creates (or resizes) a topic on the named broker only (its master and its slaves), for tests of a topic spread
     * unevenly or held by one broker of the cluster; registered with the name server at once, as {@link #createTopic}.
     *
     * @throws IllegalArgumentException when no running broker has that name
     */
    public EmbeddedRocketMQBroker createTopic(String brokerName, String topic, int queues) {
        Topics.validate(topic, queues);
        List<BrokerNode> nodes = runningNodes().stream().filter(node -> node.spec().brokerName().equals(brokerName))
                .toList();
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("No running broker named '" + brokerName + "'; running: " + getBrokers());
        }
        nodes.forEach(node -> node.createTopic(topic, queues, TopicMessageType.NORMAL));
        awaitRoute(topic, nodes);
        return this;
    }

    /**
     * Creates a topic declared for ordered (FIFO) messages: RocketMQ 5's {@code message.type=FIFO} attribute. Order
     * holds per queue; producers choose the queue by a business key.
     */
    public EmbeddedRocketMQBroker createOrderedTopic(String topic, int queues) {
        return createTopic(topic, queues, TopicMessageType.FIFO);
    }

    /**
     * Slaves get the topic too: a slave copies its master's topics only every 60 s, and until then it refuses to serve
     * the topic to consumers that fail over to it.
     */
    private EmbeddedRocketMQBroker createTopic(String topic, int queues, TopicMessageType type) {
        Topics.validate(topic, queues);
        List<BrokerNode> nodes = runningNodes();
        nodes.forEach(node -> node.createTopic(topic, queues, type));
        awaitRoute(topic, nodes);
        return this;
    }

    /**
     * Stores a message with this UTF-8 body in the topic, as a producer's send would: consumers receive it, and
     * {@link #messageCount(String)} counts it. The topic must exist; messages go round-robin over its queues and
     * brokers, each topic from its first queue on.
     *
     * @return the message's id, as a consumer reads it with {@code getMsgId()}
     * @throws IllegalArgumentException when no running broker has the topic
     * @throws EmbeddedBrokerException  when the broker did not store it, or stored it without the flush to disk
     *                                  (SYNC_FLUSH) or the slave's copy (SYNC_MASTER) its settings require: the status
     *                                  a producer's send hears as other than SEND_OK
     */
    public String send(String topic, String body) {
        return send(new Message(topic, body.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Stores the message (topic, body, tags, keys, user properties) as a producer's send would; see
     * {@link #send(String, String)}. The broker applies what it applies to a sent message, a delay level included.
     */
    public String send(Message message) {
        String topic = message.getTopic();
        // a slave refuses writes (SERVICE_NOT_AVAILABLE): while a master is stopped, its slave takes nothing new
        List<Map.Entry<BrokerNode, Integer>> queues = storingNodes().stream().filter(node -> node.spec().isMaster())
                .flatMap(node -> node.queueIds(topic).mapToObj(queueId -> Map.entry(node, queueId)))
                .toList();
        if (queues.isEmpty()) {
            throw new IllegalArgumentException("Topic '" + topic + "' does not exist on any running broker: create it"
                    + " first, with createTopic(topic, queues) or the builder's topic(topic, queues)");
        }
        Map.Entry<BrokerNode, Integer> queue = queues.get(Math.floorMod(
                sent.computeIfAbsent(topic, t -> new AtomicInteger()).getAndIncrement(), queues.size()));
        return queue.getKey().put(message, queue.getValue());
    }

    /**
     * How many messages the topic holds, over all its queues on every broker (a master and its slaves count once).
     * A message counts once the broker has indexed it, a moment after it acknowledged the send; a delayed message
     * counts once it is due.
     */
    public long messageCount(String topic) {
        return storingNodes().stream()
                .mapToLong(node -> node.queueIds(topic).mapToLong(queueId -> node.messageCount(topic, queueId)).sum())
                .sum();
    }

    /**
     * The consumer group's lag on the topic: messages stored but not yet consumed by the group, as far as its
     * committed offsets tell (the diff of {@code mqadmin consumerProgress}, without the messages retention removed,
     * which the group skips). A group that has committed nothing lags by every stored message. Clients commit offsets
     * every {@code persistConsumerOffsetInterval} (5 s by default), so the lag drops that long after the messages were
     * consumed.
     */
    public long lag(String group, String topic) {
        return storingNodes().stream()
                .mapToLong(node -> node.queueIds(topic).mapToLong(queueId -> node.lag(group, topic, queueId)).sum())
                .sum();
    }

    /**
     * Every message the topic holds, read straight from the brokers' stores, broker by broker and queue by queue, in
     * offset order within a queue. Reading moves no consumer group's offset, and works for topics clients cannot
     * read (a dead-letter topic {@code %DLQ%} plus the group, which is write-only). Each message's {@code getMsgId()} is
     * the id {@link #send} returned and producers' {@code SendResult} and consumers report.
     */
    public List<MessageExt> messages(String topic) {
        return storingNodes().stream()
                .flatMap(node -> node.queueIds(topic).boxed().flatMap(queueId -> node.messages(topic, queueId).stream()))
                .toList();
    }

    /**
     * The messages of the queue with this id, in offset order, on every broker that has it (with one broker: one
     * queue). A topic no running broker has holds no message, as for {@link #messages(String)}.
     *
     * @throws IllegalArgumentException for a queue id the topic has on no running broker, naming its queue ids
     */
    public List<MessageExt> messages(String topic, int queueId) {
        // each broker's queue ids read once: a topic the broker creates meanwhile (a group's first dead letter) would
        // otherwise be missing from the first look and present in the second
        Map<BrokerNode, int[]> queueIds = new LinkedHashMap<>();
        storingNodes().forEach(node -> queueIds.put(node, node.queueIds(topic).toArray()));
        List<BrokerNode> having = queueIds.entrySet().stream()
                .filter(node -> Arrays.stream(node.getValue()).anyMatch(id -> id == queueId)).map(Map.Entry::getKey)
                .toList();
        long queues = queueIds.values().stream().mapToLong(ids -> ids.length).max().orElse(0);
        if (having.isEmpty() && queues > 0) {
            // an empty list would read as "nothing arrived", and reading the store created an empty consume queue
            throw new IllegalArgumentException("Topic " + topic + " has no queue " + queueId
                    + " on any running broker: its queue ids are 0.." + (queues - 1));
        }
        return having.stream().flatMap(node -> node.messages(topic, queueId).stream()).toList();
    }

    /**
     * The topic's messages (see {@link #messages(String)}) once it holds at least {@code count}: right after a send
     * the broker may not have indexed the message yet.
     *
     * @throws IllegalStateException naming how many it holds when fewer arrive within the timeout
     */
    public List<MessageExt> awaitMessages(String topic, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<MessageExt> messages = messages(topic);
            if (messages.size() >= count) {
                return messages;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topic " + topic + " holds " + messages.size() + " of the " + count
                        + " messages awaited, after " + timeout.toMillis() + " ms");
            }
            pause();
        }
    }

    /** The node that stores each broker name's messages: its master, or its lowest-id running slave. */
    private List<BrokerNode> storingNodes() {
        return runningNodes().stream()
                .collect(Collectors.toMap(node -> node.spec().brokerName(), node -> node,
                        (one, other) -> one.spec().brokerId() <= other.spec().brokerId() ? one : other, LinkedHashMap::new))
                .values().stream().toList();
    }

    /**
     * For the fixture methods: without a running broker they would answer 0 or an empty list, which a test reads as
     * "nothing arrived", or blame the topic.
     */
    private List<BrokerNode> runningNodes() {
        if (closed) {
            throw new IllegalStateException("The embedded broker is closed (its name server was " + namesrvAddr
                    + "): start a new one");
        }
        List<BrokerNode> nodes;
        synchronized (brokers) {
            nodes = List.copyOf(brokers.values());
        }
        if (nodes.isEmpty()) {
            throw new IllegalStateException(settings.nodes().isEmpty()
                    ? "This instance runs a name server only: it has no broker to create topics on, store or read messages"
                    : "No broker of the embedded broker is running: each was stopped with stopBroker(...)");
        }
        return nodes;
    }

    /**
     * Stops the named broker's master (or, in a process without it, its lowest-id slave) and leaves the others and the
     * name server running, for failover tests. Its store stays in place until {@link #close()}.
     */
    public void stopBroker(String brokerName) {
        stop(node(brokerName));
    }

    /** Stops the broker with this name and broker id (0 the master, 1 and up slaves). */
    public void stopBroker(String brokerName, long brokerId) {
        stop(node(brokerName, brokerId));
    }

    private void stop(BrokerNode node) {
        synchronized (brokers) {
            brokers.remove(node.name());
        }
        FastShutdown.stop(node);
    }

    /**
     * Stops the brokers and the name server. Data is flushed and ports are released before this returns (about a
     * second), while RocketMQ's own teardown, which waits out its service intervals for 13-20 s, finishes in the
     * background; starting again on the same store waits for it.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!store.temporary()) {
            // a new instance on it waits for this one's teardown (FastShutdown.awaitStore)
            STORES_IN_USE.remove(store.root(), inUseBy(namesrvAddr));
        }
        long begin = System.nanoTime();
        List<BrokerNode> nodes;
        synchronized (brokers) {
            nodes = List.copyOf(brokers.values());
            brokers.clear();
        }
        store.closing();
        List<CompletableFuture<Void>> teardowns = nodes.parallelStream().map(FastShutdown::stop).toList();
        FastShutdown.stop(namesrv, settings.host(), teardowns, store);
        LOG.log(Level.INFO, "Embedded RocketMQ {0} stopped in {1} ms", namesrvAddr, (System.nanoTime() - begin) / 1_000_000);
    }

    /** Waits until the background teardown of every broker closed in this JVM is complete. */
    public static void awaitBackgroundShutdown(Duration timeout) {
        FastShutdown.awaitAll(timeout);
    }

    /** Closed, or none running, is said as every fixture method says it, not as a wrong name. */
    private BrokerNode node(String brokerName) {
        return runningNodes().stream()
                .filter(node -> node.spec().brokerName().equals(brokerName))
                .min(Comparator.comparingLong(node -> node.spec().brokerId()))
                .orElseThrow(() -> new IllegalArgumentException("No running broker named '" + brokerName
                        + "'; running: " + getBrokers()));
    }

    private BrokerNode node(String brokerName, long brokerId) {
        return runningNodes().stream()
                .filter(node -> node.spec().brokerName().equals(brokerName) && node.spec().brokerId() == brokerId)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No running broker named '" + brokerName
                        + "' with broker id " + brokerId + "; running: " + getBrokers()));
    }

    /**
     * Masters first: a slave learns its master's HA address from the answer to its own registration, so a slave that
     * registers before its master waits for the next registration round (30 s) to start replicating.
     */
    private void startBrokers() {
        List<NodeSpec> masters = settings.nodes().stream().filter(NodeSpec::isMaster).toList();
        List<NodeSpec> slaves = settings.nodes().stream().filter(spec -> !spec.isMaster()).toList();
        startNodes(masters);
        startNodes(slaves);
        awaitReplication();
        settings.topics().forEach(this::createTopic);
        settings.orderedTopics().forEach(this::createOrderedTopic);
    }

    private void startNodes(List<NodeSpec> specs) {
        if (specs.isEmpty()) {
            return;
        }
        for (NodeSpec spec : specs) {
            boolean first = settings.nodes().get(0).equals(spec);
            int port = first ? settings.brokerPort() : 0;
            BrokerNode node = BrokerNode.start(spec, port, namesrvAddr, store.resolve(spec.key()), store.temporary(),
                    settings);
            store.holds(node.controller().getMessageStore());
            synchronized (brokers) {
                brokers.put(spec.key(), node);
            }
            if (view == null) {
                view = NameServerView.remote(node.controller().getBrokerOuterAPI());
            }
        }
        awaitRegistration();
    }

    /**
     * A broker registers at start only if its name-server list was already filled, which happens asynchronously;
     * otherwise the first registration comes 10 s later and clients see "No route info". Register until the name
     * server lists every broker.
     */
    private void awaitRegistration() {
        long deadline = System.nanoTime() + REGISTRATION_TIMEOUT.toNanos();
        while (true) {
            List<BrokerNode> missing = unregisteredBrokers();
            if (missing.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new EmbeddedBrokerException("Brokers " + missing.stream().map(BrokerNode::name).toList()
                        + " did not register with the name server " + namesrvAddr + " within "
                        + REGISTRATION_TIMEOUT.toSeconds() + " s; see " + Logs.file());
            }
            missing.forEach(BrokerNode::registerWithNameServer);
            pause();
        }
    }

    /**
     * A slave whose master is registered connects to it once it has the master's HA address from the name server;
     * until then a SYNC_MASTER waits for a copy that cannot come and answers FLUSH_SLAVE_TIMEOUT. A slave whose master
     * is not up (another process, started later) starts replicating when it is.
     */
    private void awaitReplication() {
        List<BrokerNode> slaves;
        synchronized (brokers) {
            slaves = brokers.values().stream().filter(node -> !node.spec().isMaster()).toList();
        }
        Map<String, Set<Long>> registered = view == null ? Map.of() : view.registeredBrokers();
        long deadline = System.nanoTime() + REGISTRATION_TIMEOUT.toNanos();
        for (BrokerNode slave : slaves) {
            if (!registered.getOrDefault(slave.spec().brokerName(), Set.of()).contains(0L)) {
                continue;
            }
            while (!slave.isReplicating()) {
                if (System.nanoTime() > deadline) {
                    throw new EmbeddedBrokerException("Slave " + slave.name() + " did not connect to its master within "
                            + REGISTRATION_TIMEOUT.toSeconds() + " s; see " + Logs.file());
                }
                slave.retryReplication();
                pause();
            }
        }
    }

    /** Registration runs on the broker's executor: wait until the name server serves the new route. */
    private void awaitRoute(String topic, List<BrokerNode> nodes) {
        // The name server takes a topic's queues from masters only (from a slave only while its master is down).
        Set<String> serving = nodes.stream().filter(node -> node.spec().isMaster())
                .map(node -> node.spec().brokerName()).collect(Collectors.toSet());
        if (serving.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + REGISTRATION_TIMEOUT.toNanos();
        while (!view.brokersServing(topic).containsAll(serving)) {
            if (System.nanoTime() > deadline) {
                throw new EmbeddedBrokerException("Topic " + topic + " did not appear on the name server " + namesrvAddr
                        + " within " + REGISTRATION_TIMEOUT.toSeconds() + " s; see " + Logs.file());
            }
            pause();
            nodes.forEach(BrokerNode::registerWithNameServer);
        }
    }

    private List<BrokerNode> unregisteredBrokers() {
        Map<String, Set<Long>> registered = view.registeredBrokers();
        synchronized (brokers) {
            return brokers.values().stream()
                    .filter(node -> !registered.getOrDefault(node.spec().brokerName(), Set.of()).contains(node.spec().brokerId()))
                    .toList();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedBrokerException("Interrupted while waiting for the brokers", e);
        }
    }

    /**
     * Starts the name server and the brokers and returns once every broker is registered, so a client's first route
     * look-up succeeds.
     *
     * @param storeDir null for a temporary store
     */
    static EmbeddedRocketMQBroker start(BrokerSettings settings, Path storeDir) {
        if (storeDir == null) {
            return start(settings, null, System.nanoTime());
        }
        Path root = storeDir.toAbsolutePath().normalize();
        String user = STORES_IN_USE.putIfAbsent(root, STARTING);
        if (user != null) {
            throw new EmbeddedBrokerException("Store directory " + root + " is in use by " + user
                    + ": close that one first, or choose another storeDir");
        }
        try {
            EmbeddedRocketMQBroker broker = start(settings, storeDir, System.nanoTime());
            STORES_IN_USE.replace(root, STARTING, inUseBy(broker.namesrvAddr));
            return broker;
        } catch (RuntimeException | Error e) {
            STORES_IN_USE.remove(root, STARTING);
            throw e;
        }
    }

    private static String inUseBy(String namesrvAddr) {
        return "the running embedded broker with name server " + namesrvAddr;
    }

    private static EmbeddedRocketMQBroker start(BrokerSettings settings, Path storeDir, long begin) {
        // A restart on the same store or on the same fixed ports must wait for the previous teardown.
        if (settings.namesrvPort() != 0 || settings.brokerPort() != 0) {
            FastShutdown.awaitAll(Duration.ofSeconds(60));
        } else if (storeDir != null) {
            FastShutdown.awaitStore(storeDir);
        }
        StoreDirectory store = StoreDirectory.prepare(storeDir);
        Logs.directTo(store);
        JvmDefaults.declareRemotingVersion();
        JvmDefaults.keepClientOffsetsUnder(store.resolve("client-offsets"));
        JvmDefaults.shortenOrderlyLocks();
        if (settings.acceptTls()) {
            JvmDefaults.tlsServers();
        } else {
            JvmDefaults.plainTextServers();
        }
        NamesrvController namesrv = null;
        if (settings.externalNamesrv() == null) {
            try {
                namesrv = startNamesrv(settings, store);
            } catch (RuntimeException e) {
                store.deleteIfTemporary();
                throw e;
            }
        }
        EmbeddedRocketMQBroker broker = new EmbeddedRocketMQBroker(settings, store, namesrv);
        try {
            broker.startBrokers();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        LOG.log(Level.INFO, "Embedded RocketMQ started in {0} ms: name server {1}, brokers {2}, store {3}",
                (System.nanoTime() - begin) / 1_000_000, broker.namesrvAddr, broker.getBrokers(), store.root());
        return broker;
    }

    private static NamesrvController startNamesrv(BrokerSettings settings, StoreDirectory store) {
        Path home = store.resolve("namesrv");
        NamesrvConfig config = new NamesrvConfig();
        config.setRocketmqHome(store.root().toString());
        config.setKvConfigPath(home.resolve("kvConfig.json").toString());
        config.setConfigStorePath(home.resolve("namesrv.properties").toString());
        NettyServerConfig serverConfig = new NettyServerConfig();
        serverConfig.setBindAddress(settings.host());
        serverConfig.setListenPort(settings.namesrvPort());
        NamesrvController controller = new NamesrvController(config, serverConfig, new NettyClientConfig());
        if (!controller.initialize()) {
            controller.shutdown();
            throw new EmbeddedBrokerException("Name server failed to initialize; see " + Logs.file());
        }
        try {
            controller.start();
        } catch (Exception e) {
            controller.shutdown();
            throw PortInUse.translate("Name server", settings.host(), settings.namesrvPort(), e);
        }
        return controller;
    }
}
