package io.rocketcamel.component.rocketmq;

import java.util.concurrent.TimeUnit;

import io.rocketcamel.component.rocketmq.internal.TimerLimits;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * Every option of the component and its endpoints. The component holds one instance; each endpoint works on a
 * {@link #copy()} that its URI options were applied to.
 * <p>
 * Times are Camel durations: a number of milliseconds, {@code 90s}, {@code 1m30s} or ISO-8601 {@code PT5M}. Option
 * text is written for the generated catalog, whose generator drops angle brackets, vertical bars and asterisks, so
 * the descriptions below avoid them.
 */
@UriParams
public class RocketMQConfiguration implements Cloneable {

    /** The client's POP retry delays: 10 s, 30 s, 1 min ... 2 h. */
    private static final int POP_RETRY_LEVELS = 16;

    // common

    @UriParam(label = "common", defaultValue = "localhost:9876")
    private String namesrvAddr = "localhost:9876";
    @UriParam(label = "common")
    private String namespace;
    @UriParam(label = "common")
    private String tags;
    @UriParam(label = "common", defaultValue = "2000", javaType = "java.time.Duration")
    private long heartbeatBrokerInterval = 2000;
    @UriParam(label = "common,advanced", defaultValue = "5000", javaType = "java.time.Duration")
    private long pollNameServerInterval = 5000;
    @UriParam(label = "common,advanced")
    private boolean enableTrace;
    @UriParam(label = "common,advanced")
    private HeaderFilterStrategy headerFilterStrategy = new RocketMQHeaderFilterStrategy();
    @UriParam(label = "security", secret = true)
    private String accessKey;
    @UriParam(label = "security", secret = true)
    private String secretKey;
    @UriParam(label = "security")
    private boolean useTls;
    @UriParam(label = "common,advanced", defaultValue = "LOCAL")
    private AccessChannel accessChannel = AccessChannel.LOCAL;
    @UriParam(label = "common,advanced")
    private String traceTopic;

    // producer

    @UriParam(label = "producer")
    private String producerGroup;
    @UriParam(label = "producer", defaultValue = "SYNC")
    private SendMode sendMode = SendMode.SYNC;
    @UriParam(label = "producer")
    private String keys;
    @UriParam(label = "producer")
    private String orderKey;
    @UriParam(label = "producer")
    private String messageGroup;
    @UriParam(label = "producer")
    private int delayLevel;
    @UriParam(label = "producer,advanced", defaultValue = "18")
    private int delayLevelCount = 18;
    @UriParam(label = "producer", javaType = "java.time.Duration")
    private long delay;
    @UriParam(label = "common,advanced", defaultValue = "259200000", javaType = "java.time.Duration")
    private long maxDelay = TimerLimits.DEFAULT_TIMER_MAX_DELAY.toMillis();
    @UriParam(label = "producer", defaultValue = "3000", javaType = "java.time.Duration")
    private long sendTimeout = 3000;
    @UriParam(label = "producer,advanced", defaultValue = "2")
    private int retryTimesWhenSendFailed = 2;
    @UriParam(label = "producer,advanced", defaultValue = "0", javaType = "java.time.Duration")
    private long sendAttemptTimeout;
    @UriParam(label = "producer,advanced")
    private boolean sendLatencyFaultEnable;
    @UriParam(label = "producer", defaultValue = "true")
    private boolean requireSendOk = true;
    @UriParam(label = "common", defaultValue = "4194304")
    private int maxMessageSize = 4 * 1024 * 1024;
    @UriParam(label = "producer", defaultValue = "10000", javaType = "java.time.Duration")
    private long requestTimeout = 10000;
    @UriParam(label = "producer")
    private boolean transactional;
    @UriParam(label = "producer")
    private String localTransaction;
    @UriParam(label = "producer")
    private String transactionChecker;
    @UriParam(label = "producer,advanced", defaultValue = "1")
    private int transactionCheckThreads = 1;
    @UriParam(label = "producer", defaultValue = "1")
    private int batchSize = 1;
    @UriParam(label = "producer", defaultValue = "0", javaType = "java.time.Duration")
    private long batchLinger;
    // in the catalog only, for URIs written before batchLinger; its setter writes batchLinger
    /** The old name of batchLinger, in milliseconds. */
    @Deprecated
    @UriParam(label = "producer,advanced", defaultValue = "0")
    @Metadata(deprecationNote = "Use batchLinger, a duration.")
    @SuppressWarnings("unused")
    private long batchLingerMs;
    @UriParam(label = "producer,advanced", defaultValue = "33554432")
    private long sendBufferBytes = 32L * 1024 * 1024;

    // consumer

    @UriParam(label = "consumer")
    private String consumerGroup;
    @UriParam(label = "consumer")
    private String sql;
    @UriParam(label = "consumer", defaultValue = "CLUSTERING")
    private MessageModel messageModel = MessageModel.CLUSTERING;
    @UriParam(label = "consumer", defaultValue = "CONCURRENTLY")
    private ConsumeMode consumeMode = ConsumeMode.CONCURRENTLY;
    @UriParam(label = "consumer", defaultValue = "16")
    private int maxReconsumeTimes = 16;
    @UriParam(label = "consumer")
    private String deadLetterUri;
    @UriParam(label = "consumer")
    private boolean manualAck;
    @UriParam(label = "consumer")
    private boolean transferException;
    @UriParam(label = "consumer", defaultValue = "30000", javaType = "java.time.Duration")
    private long manualAckTimeout = 30_000;
    @UriParam(label = "consumer", defaultValue = "0")
    private int retryDelayLevel;
    @UriParam(label = "consumer,advanced", defaultValue = "60000", javaType = "java.time.Duration")
    private long popInvisibleTime = 60_000;
    @UriParam(label = "consumer,advanced", defaultValue = "32")
    private int popBatchSize = 32;
    @UriParam(label = "consumer", defaultValue = "1000", javaType = "java.time.Duration")
    private long suspendTime = 1000;
    // in the catalog only, for URIs written before suspendTime; its setter writes suspendTime
    /** The old name of suspendTime. */
    @Deprecated
    @UriParam(label = "consumer,advanced", defaultValue = "1000", javaType = "java.time.Duration")
    @Metadata(deprecationNote = "Use suspendTime.")
    @SuppressWarnings("unused")
    private long suspendMillis;
    @UriParam(label = "consumer", defaultValue = "1")
    private int consumeBatchSize = 1;
    @UriParam(label = "consumer,advanced", defaultValue = "32")
    private int pullBatchSize = 32;
    @UriParam(label = "consumer,advanced", defaultValue = "20")
    private int consumeThreadMin = 20;
    @UriParam(label = "consumer,advanced", defaultValue = "20")
    private int consumeThreadMax = 20;
    @UriParam(label = "consumer,advanced", defaultValue = "900000", javaType = "java.time.Duration")
    private long consumeTimeout = TimeUnit.MINUTES.toMillis(15);
    // in the catalog only, for URIs written before consumeTimeout; its setter writes consumeTimeout
    /** The old name of consumeTimeout, in minutes. */
    @Deprecated
    @UriParam(label = "consumer,advanced", defaultValue = "15")
    @Metadata(deprecationNote = "Use consumeTimeout, a duration.")
    @SuppressWarnings("unused")
    private long consumeTimeoutMinutes;
    @UriParam(label = "consumer", defaultValue = "LAST_OFFSET")
    private ConsumeFromWhere consumeFromWhere = ConsumeFromWhere.LAST_OFFSET;
    @UriParam(label = "consumer")
    private String consumeTimestamp;
    @UriParam(label = "consumer,advanced")
    private String offsetStoreDir;
    @UriParam(label = "consumer,advanced")
    private String broadcastNodeId;

    // Apache camel-rocketmq's option names, so its URIs keep working; MigrationAliases maps them to the options above
    @Deprecated
    @UriParam(label = "producer")
    @Metadata(deprecationNote = "Use tags.")
    private String sendTag;
    @Deprecated
    @UriParam(label = "consumer")
    @Metadata(deprecationNote = "Use tags.")
    private String subscribeTags;
    @Deprecated
    @UriParam(label = "consumer")
    @Metadata(deprecationNote = "Use sql.")
    private String subscribeSql;
    @Deprecated
    @UriParam(label = "consumer", enums = "tag,sql")
    @Metadata(deprecationNote = "Use sql to filter by SQL92, tags to filter by tag.")
    private String messageSelectorType;
    @Deprecated
    @UriParam(label = "producer")
    @Metadata(deprecationNote = "Only for repliers that answer on a topic of their own; InOut exchanges without it use"
                                + " RocketMQ's request-reply, which needs no reply topic.")
    private String replyToTopic;
    @Deprecated
    @UriParam(label = "producer")
    @Metadata(deprecationNote = "Only together with replyToTopic.")
    private String replyToConsumerGroup;
    @Deprecated
    @UriParam(label = "producer")
    @Metadata(deprecationNote = "Every send is confirmed unless sendMode=ONEWAY; use sendMode.")
    private Boolean waitForSendResult;
    @Deprecated
    @UriParam(label = "producer,advanced")
    @Metadata(deprecationNote = "Use requestTimeout, a duration.")
    private Long requestTimeoutMillis;
    @Deprecated
    @UriParam(label = "producer,advanced")
    @Metadata(deprecationNote = "Not needed: each request times out on its own.")
    private Long requestTimeoutCheckerIntervalMillis;

    public RocketMQConfiguration copy() {
        try {
            return (RocketMQConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public String getNamesrvAddr() {
        return namesrvAddr;
    }

    /**
     * The name server address(es), host:port, several separated by semicolons (h1:9876;h2:9876; a comma or a missing
     * port is refused when the endpoint is created), or a name server's or cloud instance's endpoint as
     * http://host:port (the client fetches no list from a URL: one with a path, or https, is refused). Pointing the
     * same routes at another cluster changes only this option.
     */
    public void setNamesrvAddr(String namesrvAddr) {
        this.namesrvAddr = namesrvAddr;
    }

    public String getNamespace() {
        return namespace;
    }

    /**
     * The RocketMQ namespace prefixed to topic and group names, to share a cluster between environments.
     */
    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getTags() {
        return tags;
    }

    /**
     * Producer: the one tag of sent messages, a constant or an expression in the forms of keys evaluated per exchange
     * (an exchange for which it gives no value fails; a toD keeps one endpoint for all its values) (the
     * CamelRocketMQTags header overrides it; a producer refuses a comma, two vertical bars, an asterisk or spaces
     * around the tag in either: no consumer of a tag would receive it). Consumer: the tags to subscribe to, separated
     * by commas (for example ERROR,WARN; RocketMQ's own separator, two vertical bars, works too; an expression is
     * refused, as the subscription is made once); every tag when not set or an asterisk, which is refused among other
     * tags (RocketMQ would read it as one more tag). Filtered on the broker. Cannot be combined with sql.
     */
    public void setTags(String tags) {
        this.tags = tags;
    }

    public long getHeartbeatBrokerInterval() {
        return heartbeatBrokerInterval;
    }

    /**
     * Time between the client's heartbeats to the brokers (default 2 s). The client's own default (30 s) lets a
     * start-up race stall a new consumer for 30 s, hence the low default.
     */
    public void setHeartbeatBrokerInterval(long heartbeatBrokerInterval) {
        this.heartbeatBrokerInterval = heartbeatBrokerInterval;
    }

    public long getPollNameServerInterval() {
        return pollNameServerInterval;
    }

    /**
     * Time between the client's route look-ups at the name server (default 5 s); a new topic (including a consumer
     * group's retry topic) or a changed queue count is seen by the client only after such a look-up, and a consumer
     * takes its share of the new queues at the same interval.
     */
    public void setPollNameServerInterval(long pollNameServerInterval) {
        this.pollNameServerInterval = pollNameServerInterval;
    }

    public boolean isEnableTrace() {
        return enableTrace;
    }

    /**
     * Whether the client records RocketMQ message traces (to the broker's trace topic).
     */
    public void setEnableTrace(boolean enableTrace) {
        this.enableTrace = enableTrace;
    }

    public HeaderFilterStrategy getHeaderFilterStrategy() {
        return headerFilterStrategy;
    }

    /**
     * Decides which Camel headers become message user properties and which user properties become Camel headers. The
     * default drops Camel's own headers and RocketMQ's system properties.
     */
    public void setHeaderFilterStrategy(HeaderFilterStrategy headerFilterStrategy) {
        this.headerFilterStrategy = headerFilterStrategy;
    }

    public String getAccessKey() {
        return accessKey;
    }

    /**
     * The access key for a broker with ACL enabled (used together with secretKey).
     */
    public void setAccessKey(String accessKey) {
        this.accessKey = accessKey;
    }

    public String getSecretKey() {
        return secretKey;
    }

    /**
     * The secret key for a broker with ACL enabled (used together with accessKey).
     */
    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    public boolean isUseTls() {
        return useTls;
    }

    /**
     * Whether the client talks TLS to the name servers and brokers (RocketMQ servers accept TLS and plain connections
     * in their default permissive mode; the embedded broker plain ones only, unless its builder is told acceptTls, as
     * the starter builds it when this is on). The client verifies the server certificate only when the JVM runs with
     * RocketMQ's TLS system properties tls.test.mode.enable=false, tls.client.authServer=true and
     * tls.client.trustCertPath naming the trusted certificate (JVM-wide, also read from the file named by
     * tls.config.file); otherwise it accepts any certificate.
     */
    public void setUseTls(boolean useTls) {
        this.useTls = useTls;
    }

    public AccessChannel getAccessChannel() {
        return accessChannel;
    }

    /**
     * LOCAL for a self-managed cluster, CLOUD for a cloud vendor's RocketMQ service: with CLOUD the client records
     * message traces to the region's trace topic (rmq_sys_TRACE_DATA_ followed by the broker's region) instead of
     * traceTopic.
     */
    public void setAccessChannel(AccessChannel accessChannel) {
        this.accessChannel = accessChannel;
    }

    public String getTraceTopic() {
        return traceTopic;
    }

    /**
     * With enableTrace: the topic the client records message traces to; the broker's RMQ_SYS_TRACE_TOPIC when not
     * set. Not used with accessChannel=CLOUD.
     */
    public void setTraceTopic(String traceTopic) {
        this.traceTopic = traceTopic;
    }

    public String getProducerGroup() {
        return producerGroup;
    }

    /**
     * The producer group. When not set, the group is rocketcamel-producer-TOPIC, TOPIC being the endpoint's topic.
     */
    public void setProducerGroup(String producerGroup) {
        this.producerGroup = producerGroup;
    }

    public SendMode getSendMode() {
        return sendMode;
    }

    /**
     * SYNC waits for the broker's answer; ASYNC continues the route in the client's callback without blocking a thread
     * (with an order key, one message of a queue is on its way at a time, so per-key order holds); ONEWAY sends
     * without any confirmation, so a lost message goes unnoticed, and keeps no order (a key still picks the queue; the
     * producer warns).
     */
    public void setSendMode(SendMode sendMode) {
        this.sendMode = sendMode;
    }

    public String getKeys() {
        return keys;
    }

    /**
     * The message keys (space separated), an expression: a constant, or Camel's simple language written as
     * ${header.id}, as $simple{header.id}, or with angle brackets in place of the braces (which Spring Boot property
     * files leave alone); an expression giving a collection or array gives those keys. The CamelRocketMQKeys header
     * overrides it. For a list of Camel messages (a consumed batch
     * forwarded whole) this and the other expression options are evaluated per message, against its own headers.
     */
    public void setKeys(String keys) {
        this.keys = keys;
    }

    public String getOrderKey() {
        return orderKey;
    }

    /**
     * The order key, an expression in the same forms as keys: the queue is chosen by a stable hash (CRC32 of its UTF-8
     * bytes, modulo the queue count), so messages with one key keep their order. The CamelRocketMQOrderKey header
     * overrides it. An exchange for which it evaluates to no value (a header it reads is missing) fails rather than go
     * to any queue out of order, as does one that gives several values (a collection or array: a queue takes one
     * key). Each message of a list of Camel messages goes to its own key's queue.
     */
    public void setOrderKey(String orderKey) {
        this.orderKey = orderKey;
    }

    public String getMessageGroup() {
        return messageGroup;
    }

    /**
     * The message group of RocketMQ 5 FIFO messages, an expression in the same forms as keys: the message carries it
     * as the group property that RocketMQ 5 consumers read, and goes to the queue the RocketMQ 5 proxy picks for the
     * group (a consistent hash of the group over the topic's writable queues), so one group's messages sent by this
     * endpoint and by RocketMQ 5 SDK producers share a queue and keep their order. The CamelRocketMQMessageGroup
     * header overrides it. Cannot be combined with orderKey. An exchange for which it evaluates to no value, or to
     * several (a collection or array), fails.
     */
    public void setMessageGroup(String messageGroup) {
        this.messageGroup = messageGroup;
    }

    public int getDelayLevel() {
        return delayLevel;
    }

    /**
     * The broker's delay level (1 to delayLevelCount; with the default levels 1 = 1 s, 5 = 1 min, 13 = 9 min, 17 = 1
     * h); 0 for no delay. The CamelRocketMQOverrideDelayLevel header overrides it. Cannot be combined with delay.
     */
    public void setDelayLevel(int delayLevel) {
        this.delayLevel = delayLevel;
    }

    public int getDelayLevelCount() {
        return delayLevelCount;
    }

    /** The highest retryDelayLevel: the brokers' last delay level, or with consumeMode=POP the client's last POP retry delay. */
    public int highestRetryDelayLevel() {
        return consumeMode == ConsumeMode.POP ? POP_RETRY_LEVELS - 1 : delayLevelCount;
    }

    /**
     * How many delay levels the broker has (its messageDelayLevel setting; 18 by default).
     */
    public void setDelayLevelCount(int delayLevelCount) {
        this.delayLevelCount = delayLevelCount;
    }

    public long getDelay() {
        return delay;
    }

    /**
     * Deliver each message this long after it was sent, to the millisecond (RocketMQ 5 timer message; the broker's
     * timer precision applies), for example 90s or PT5M. The broker counts it on its own clock from when it stores the
     * message, and refuses a delay longer than its timerMaxDelaySec (3 days by default; see maxDelay). The
     * CamelRocketMQDeliverTime header (epoch milliseconds) overrides it. Cannot be combined with delayLevel.
     */
    public void setDelay(long delay) {
        this.delay = delay;
    }

    public long getMaxDelay() {
        return maxDelay;
    }

    /**
     * The longest delay the brokers accept: their timerMaxDelaySec, 3 days by default. A longer delay fails when the
     * endpoint is created, as the brokers would refuse every message of it (CODE 13, timer message illegal); with
     * manualAck, a longer retryLater(Duration) of a CLUSTERING, POP or BROADCASTING consumer fails the call; a
     * CamelRocketMQDeliverTime header further ahead fails the exchange before anything is sent. Raise it only for a
     * cluster whose brokers are configured with a higher timerMaxDelaySec, to that value.
     */
    public void setMaxDelay(long maxDelay) {
        this.maxDelay = maxDelay;
    }

    public long getSendTimeout() {
        return sendTimeout;
    }

    /**
     * How long a send waits for the broker before it fails (default 3 s). Also how long a caller waits for room when
     * sendBufferBytes is reached.
     */
    public void setSendTimeout(long sendTimeout) {
        this.sendTimeout = sendTimeout;
    }

    public int getRetryTimesWhenSendFailed() {
        return retryTimesWhenSendFailed;
    }

    /**
     * How many times a failed send is retried before the exchange fails; 0 or more. A send without an order key or
     * message group is retried on another broker when there is one, each attempt bounded by sendAttemptTimeout: SYNC
     * by the client; ASYNC and automatic batches by the component, which also retries a broker's error answer (busy,
     * not available) that the client does not. A SYNC send with a key, which the client itself tries once, is retried
     * on its key's queue after a pause (50 ms, doubling up to 1 s). All within sendTimeout since the first try. An
     * ordered lane (ASYNC with a key, automatic batching with a key) retries in place until sendTimeout instead.
     */
    public void setRetryTimesWhenSendFailed(int retryTimesWhenSendFailed) {
        this.retryTimesWhenSendFailed = retryTimesWhenSendFailed;
    }

    public long getSendAttemptTimeout() {
        return sendAttemptTimeout;
    }

    /**
     * How long one attempt of a send waits for a broker before the send tries another, while retries are left
     * (RocketMQ's sendMsgMaxTimeoutPerRequest); the last attempt may use what is left of sendTimeout. Default 0:
     * sendTimeout shared equally among the attempts (one more than retryTimesWhenSendFailed), 1 s with the defaults.
     * Without a bound a broker that hangs (registered, answering nothing) took a first attempt's whole sendTimeout: the
     * send failed with no time left for another broker, or its retry, left a few ms, timed out at once and made the
     * client leave out (sendLatencyFaultEnable) a broker that answers; a producer of several threads then sent about
     * half its messages to the hung broker, each waiting sendTimeout. An attempt that timed out may still be stored by
     * its broker: a duplicate, as with any send that timed out. Sends without an order key or message group: SYNC
     * and transactional ones (the client bounds their attempts), ASYNC ones and automatic batches (given up here
     * within 50 ms past the bound: the client fails an asynchronous request without an answer only a second or two
     * past its timeout, with no time left for another broker). A send with a key goes to its key's queue. Must be
     * below sendTimeout.
     */
    public void setSendAttemptTimeout(long sendAttemptTimeout) {
        this.sendAttemptTimeout = sendAttemptTimeout;
    }

    public boolean isSendLatencyFaultEnable() {
        return sendLatencyFaultEnable;
    }

    /**
     * Whether a send without an order key or message group leaves out, for a while, a broker whose last send failed or
     * answered slowly (RocketMQ's latency fault tolerance): 10 s after a timeout or a failed connection, after a slow
     * answer 2 s (550 ms and more) up to 30 s (15 s and more). Off (RocketMQ's default), the client picks the topic's
     * queues in turn whatever happened: with one master of several hung (still registered, answering nothing), every
     * send that picks its queues waits sendAttemptTimeout there before another broker takes it. Turn it on for a
     * cluster of several masters. A send with a key always goes to its key's queue.
     */
    public void setSendLatencyFaultEnable(boolean sendLatencyFaultEnable) {
        this.sendLatencyFaultEnable = sendLatencyFaultEnable;
    }

    public boolean isRequireSendOk() {
        return requireSendOk;
    }

    /**
     * Whether a send succeeds only with the broker's SEND_OK. The other statuses (FLUSH_DISK_TIMEOUT,
     * FLUSH_SLAVE_TIMEOUT, SLAVE_NOT_AVAILABLE) mean the master stored the message but not as durably as configured
     * (not flushed, not replicated): by default the exchange fails naming the status, and a retry may store the
     * message twice. false accepts them as sent, for availability over durability; the status is in the
     * CamelRocketMQSendStatus header. Not with transactional=true: the client rolls back such a half message.
     */
    public void setRequireSendOk(boolean requireSendOk) {
        this.requireSendOk = requireSendOk;
    }

    public int getMaxMessageSize() {
        return maxMessageSize;
    }

    /**
     * The largest message (and batch) in bytes; it must not exceed the broker's maxMessageSize (4 MiB by default). A
     * larger body fails before it is sent; a list body is split into batches below this size.
     */
    public void setMaxMessageSize(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    /**
     * How long an InOut exchange waits for the reply (RocketMQ request-reply) before it fails with an
     * ExchangeTimedOutException (default 10 s, at most 2,147,483,647 ms: about 24.8 days).
     */
    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public boolean isTransactional() {
        return transactional;
    }

    /**
     * Send each exchange as a transactional (half) message: consumers see it only once it is committed. The local
     * transaction is the localTransaction endpoint or, without it, the rest of the exchange: committed when the
     * exchange completes, rolled back when it fails or is marked rollback-only; a CamelRocketMQTransactionState header
     * of UNKNOWN leaves the decision to the transactionChecker. A send inside a Spring transaction (a transacted route,
     * a ProducerTemplate called in a transactional method) commits only once that transaction has committed, and rolls
     * back with it. Needs sendMode=SYNC; no delay, batchSize or list bodies.
     */
    public void setTransactional(boolean transactional) {
        this.transactional = transactional;
    }

    public String getLocalTransaction() {
        return localTransaction;
    }

    /**
     * transactional only: the endpoint (for example direct:createOrder) that runs the local transaction with the
     * exchange while the half message is pending: completes normally = COMMIT, fails = ROLLBACK (and the exchange
     * fails), marked rollback-only = ROLLBACK, CamelRocketMQTransactionState header UNKNOWN or ROLLBACK = that state.
     * Inside a Spring transaction, a COMMIT waits for that transaction to commit.
     */
    public void setLocalTransaction(String localTransaction) {
        this.localTransaction = localTransaction;
    }

    public String getTransactionChecker() {
        return transactionChecker;
    }

    /**
     * transactional only: answers the broker's check-backs for undecided half messages: an endpoint (for example
     * direct:checkOrder) that gets the half message with its headers and answers COMMIT, ROLLBACK or UNKNOWN in the
     * body or the CamelRocketMQTransactionState header, or #beanName of a RocketMQTransactionChecker. A checker that
     * fails answers UNKNOWN. Without a checker every check-back is answered UNKNOWN, and the broker drops a half
     * message whose outcome never arrived after its last check (transactionCheckMax): set one.
     */
    public void setTransactionChecker(String transactionChecker) {
        this.transactionChecker = transactionChecker;
    }

    public int getTransactionCheckThreads() {
        return transactionCheckThreads;
    }

    /**
     * How many threads answer the broker's check-backs on a producer group's client (1 to 1000): the transactional
     * endpoints' shared client and plain endpoints sending with the same producerGroup (the broker checks back with
     * any client of the group). 1, the default as in the RocketMQ client, asks the transactionChecker one check-back at
     * a time, so a checker bean need not be thread-safe. Check-backs wait for a thread each transaction once (the
     * broker's newest copy of its half message), up to 64 MiB of heap (some 15,000 transactions of 1 KiB); one beyond
     * is dropped (logged) yet counts as one of the transaction's transactionCheckMax checks. An answer that comes after
     * the broker's last check still stores the message, but a transaction dropped at each of its checks is discarded
     * by the broker (committed locally, never delivered). A checker taking t ms answers 1000/t check-backs a second per
     * thread: give a slow one (a database lookup) more threads when many transactions may be left undecided at once.
     */
    public void setTransactionCheckThreads(int transactionCheckThreads) {
        this.transactionCheckThreads = transactionCheckThreads;
    }

    public int getBatchSize() {
        return batchSize;
    }

    /**
     * Above 1: concurrent exchanges to one topic (and, with an order key, one queue) are sent together as RocketMQ
     * batches of up to this many messages (and maxMessageSize bytes); each exchange completes when its batch is
     * acknowledged. 1 (the default) sends every exchange on its own.
     */
    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public long getBatchLinger() {
        return batchLinger;
    }

    /**
     * With batchSize above 1: how long a message may wait for more to fill its batch; 0 (the default) sends what is
     * queued as soon as a send slot is free.
     */
    public void setBatchLinger(long batchLinger) {
        this.batchLinger = batchLinger;
    }

    /**
     * The old name of batchLinger, in milliseconds.
     */
    @Deprecated
    public void setBatchLingerMs(long batchLingerMs) {
        this.batchLinger = batchLingerMs;
    }

    @Deprecated
    public long getBatchLingerMs() {
        return batchLinger;
    }

    public long getSendBufferBytes() {
        return sendBufferBytes;
    }

    /**
     * With batchSize above 1, or ASYNC sends with an order key: how many bytes of messages may wait for their send at
     * once (default 32 MiB). A caller that would go over it waits up to sendTimeout for room, then its exchange fails
     * naming this option; nothing is dropped silently and memory stays bounded while a broker is slow or away.
     */
    public void setSendBufferBytes(long sendBufferBytes) {
        this.sendBufferBytes = sendBufferBytes;
    }

    public String getConsumerGroup() {
        return consumerGroup;
    }

    /**
     * The consumer group (required for consumers). Consumers of one group share the group's offsets and must subscribe
     * alike (topic, tags or sql, messageModel, consumeMode), as RocketMQ keeps one subscription per group: a route whose
     * subscription differs from another running route's of the same group in this JVM fails its start.
     */
    public void setConsumerGroup(String consumerGroup) {
        this.consumerGroup = consumerGroup;
    }

    public String getSql() {
        return sql;
    }

    /**
     * Subscribe with an SQL92 filter on message properties, for example level = 'ERROR' AND latencyMs BETWEEN 500 AND 60000; the broker
     * needs enablePropertyFilter=true. Checked with the broker's own parser when the endpoint is created, which must
     * read it whole: that parser stops at the first token it cannot use (LIKE, a missing AND) and the broker would
     * filter by the part before. A property alone as a condition (flag, NOT flag) is refused: it holds only for a
     * Boolean property and message properties are text, so compare it (flag = TRUE). Cannot be combined with tags.
     */
    public void setSql(String sql) {
        this.sql = sql;
    }

    public MessageModel getMessageModel() {
        return messageModel;
    }

    /**
     * CLUSTERING: the consumers of a group share the messages. BROADCASTING: each consumer gets every message and keeps
     * its offsets in a local file (see offsetStoreDir and broadcastNodeId); a failed exchange is retried by the
     * consumer itself.
     */
    public void setMessageModel(MessageModel messageModel) {
        this.messageModel = messageModel;
    }

    public ConsumeMode getConsumeMode() {
        return consumeMode;
    }

    /**
     * CONCURRENTLY: messages are processed by several threads. ORDERLY: one thread per queue at a time, in queue order;
     * a failed exchange suspends its queue for suspendTime and retries the same message. POP: RocketMQ 5 POP
     * consumption, where the broker shares out messages rather than queues, so more consumers than queues all work and
     * a slow consumer holds up no queue (see popInvisibleTime and popBatchSize); the consumer switches its group to POP
     * on the topic's brokers when it starts, and on brokers the topic gains while it runs. ORDERLY and POP need
     * CLUSTERING.
     */
    public void setConsumeMode(ConsumeMode consumeMode) {
        this.consumeMode = consumeMode;
    }

    public int getMaxReconsumeTimes() {
        return maxReconsumeTimes;
    }

    /**
     * How many times a message whose exchange failed (threw, or was marked rollback-only) is redelivered before it is
     * given up: sent to deadLetterUri when set, else to the group's dead-letter topic (named %DLQ% followed by the
     * group name) in CLUSTERING, or dropped with a WARN naming the message id in BROADCASTING.
     */
    public void setMaxReconsumeTimes(int maxReconsumeTimes) {
        this.maxReconsumeTimes = maxReconsumeTimes;
    }

    public String getDeadLetterUri() {
        return deadLetterUri;
    }

    /**
     * Where a message goes after its last failed attempt, in every message model: a Camel endpoint URI (for example
     * rocketmq:orders-dead or direct:parked) that gets one exchange per message, with the message's
     * body and headers and the failure in the CamelExceptionCaught property. The message is acknowledged only once
     * that exchange completed without exception and was not marked rollback-only; otherwise the message is not given
     * up (CLUSTERING falls back to the group's dead-letter topic, BROADCASTING keeps retrying the dead letter).
     */
    public void setDeadLetterUri(String deadLetterUri) {
        this.deadLetterUri = deadLetterUri;
    }

    public boolean isManualAck() {
        return manualAck;
    }

    /**
     * Hands the acknowledgement to the route: each exchange carries a RocketMQAcknowledgement in the
     * CamelRocketMQAcknowledgement header, and the message is acknowledged once the route calls its ack method,
     * redelivered once it calls retryLater (after a given Duration, or the endpoint's retry delay), and redelivered
     * when neither happened within manualAckTimeout after the exchange completed. A decision the route took wins over
     * the exchange's outcome; a failed exchange without a decision is handed back at once, without waiting for
     * manualAckTimeout, and redelivered after the usual retry delay. A route stopped before its decision hands the
     * message back to the group without counting an attempt: it is never dead-lettered for the stop.
     */
    public void setManualAck(boolean manualAck) {
        this.manualAck = manualAck;
    }

    public boolean isTransferException() {
        return transferException;
    }

    /**
     * When the route fails on a request (an InOut exchange sent by a rocketmq: producer), the failure is the reply: its
     * exception's class and message, with which the requester's exchange fails at once (RocketMQReplyException), and
     * the request is acknowledged, the requester deciding whether to ask again. Default false: the failed request is
     * redelivered as any failed message (up to maxReconsumeTimes, then the dead-letter queue) and the requester learns
     * only that no reply came, a requestTimeout later. Messages that are no request are not affected. Cannot be
     * combined with manualAck or consumeBatchSize above 1.
     */
    public void setTransferException(boolean transferException) {
        this.transferException = transferException;
    }

    public long getManualAckTimeout() {
        return manualAckTimeout;
    }

    /**
     * With manualAck: how long a consumer thread waits for the route's decision once the exchange completed, before
     * the message is redelivered (default 30 s). It must be shorter than consumeTimeout and, with consumeMode=POP,
     * than popInvisibleTime.
     */
    public void setManualAckTimeout(long manualAckTimeout) {
        this.manualAckTimeout = manualAckTimeout;
    }

    public int getRetryDelayLevel() {
        return retryDelayLevel;
    }

    /**
     * CLUSTERING: the broker's delay level for the next redelivery of a failed message (1 to delayLevelCount; with the
     * default levels 3 = 10 s, 9 = 5 min); 0 (the default) lets RocketMQ lengthen the delay with each attempt (level 3
     * plus the attempts so far). The CamelRocketMQRetryDelayLevel header set by the route overrides it. With
     * consumeMode=POP the level picks from the client's POP retry delays instead (1 = 30 s, 2 = 1 min, 3 = 2 min, up
     * to 15 = 2 h); there 0 lengthens the delay with each attempt too (10 s, 30 s, 1 min, ...). ORDERLY and
     * BROADCASTING wait suspendTime.
     */
    public void setRetryDelayLevel(int retryDelayLevel) {
        this.retryDelayLevel = retryDelayLevel;
    }

    public long getPopInvisibleTime() {
        return popInvisibleTime;
    }

    /**
     * consumeMode=POP: how long a popped message stays invisible to the group's other consumers (5 s to 300 s, default
     * 60 s). A message not acknowledged within that time (its consumer crashed, or its exchange ran longer) is
     * delivered again, counted as an attempt, so set it above the longest exchange: a run that outlasts it is dropped
     * (WARN) and, once the message comes back past maxReconsumeTimes, it is dead-lettered without running.
     */
    public void setPopInvisibleTime(long popInvisibleTime) {
        this.popInvisibleTime = popInvisibleTime;
    }

    public int getPopBatchSize() {
        return popBatchSize;
    }

    /**
     * consumeMode=POP: how many messages one pop takes at most (1 to 32, default 32); smaller batches spread messages
     * over more consumers. A consumer holds no more popped messages than its consumeThreadMin threads can start, shared
     * among the topic's brokers: a pop takes at most that share, and the next comes once enough of it finished.
     */
    public void setPopBatchSize(int popBatchSize) {
        this.popBatchSize = popBatchSize;
    }

    public long getSuspendTime() {
        return suspendTime;
    }

    /**
     * How long a failed exchange waits before its retry (10 ms to 30 s, default 1 s): ORDERLY suspends the queue for
     * this long; BROADCASTING waits this long before the first retry and doubles it for each next one, up to 30 s.
     */
    public void setSuspendTime(long suspendTime) {
        this.suspendTime = suspendTime;
    }

    /**
     * The old name of suspendTime.
     */
    @Deprecated
    public void setSuspendMillis(long suspendMillis) {
        this.suspendTime = suspendMillis;
    }

    @Deprecated
    public long getSuspendMillis() {
        return suspendTime;
    }

    public int getConsumeBatchSize() {
        return consumeBatchSize;
    }

    /**
     * Up to this many messages per exchange (1 to 1024). Above 1 the body is always a List of Camel messages (body and
     * headers each, also for a single message) and the batch succeeds or fails as a whole.
     */
    public void setConsumeBatchSize(int consumeBatchSize) {
        this.consumeBatchSize = consumeBatchSize;
    }

    public int getPullBatchSize() {
        return pullBatchSize;
    }

    /**
     * How many messages the client pulls from a queue at once (1 to 1024).
     */
    public void setPullBatchSize(int pullBatchSize) {
        this.pullBatchSize = pullBatchSize;
    }

    public int getConsumeThreadMin() {
        return consumeThreadMin;
    }

    /**
     * How many threads the consumer's pool runs (1 to 1000): with CONCURRENTLY and POP the most messages (batches)
     * processed at a time, with ORDERLY the most queues. The RocketMQ client's pool queues its work without bound, so
     * it never grows beyond this size, whatever consumeThreadMax says. Above 20, set consumeThreadMax at least as high
     * (the client refuses a smaller maximum).
     */
    public void setConsumeThreadMin(int consumeThreadMin) {
        this.consumeThreadMin = consumeThreadMin;
    }

    public int getConsumeThreadMax() {
        return consumeThreadMax;
    }

    /**
     * The RocketMQ client's maximum size of the consumer's thread pool (consumeThreadMin to 1000). It has no effect
     * beyond consumeThreadMin: the client's pool queues its work without bound, so it never starts more than
     * consumeThreadMin threads; a consumer with a higher value logs a warning. Set consumeThreadMin for more threads.
     */
    public void setConsumeThreadMax(int consumeThreadMax) {
        this.consumeThreadMax = consumeThreadMax;
    }

    public long getConsumeTimeout() {
        return consumeTimeout;
    }

    /**
     * CONCURRENTLY with CLUSTERING: a message still being processed after this long is sent back for redelivery
     * (default 15 min; whole minutes, at least 1).
     */
    public void setConsumeTimeout(long consumeTimeout) {
        this.consumeTimeout = consumeTimeout;
    }

    /**
     * The old name of consumeTimeout, in minutes.
     */
    @Deprecated
    public void setConsumeTimeoutMinutes(long consumeTimeoutMinutes) {
        this.consumeTimeout = TimeUnit.MINUTES.toMillis(consumeTimeoutMinutes);
    }

    @Deprecated
    public long getConsumeTimeoutMinutes() {
        return TimeUnit.MILLISECONDS.toMinutes(consumeTimeout);
    }

    public ConsumeFromWhere getConsumeFromWhere() {
        return consumeFromWhere;
    }

    /**
     * Where a consumer group that has no stored offset yet starts: LAST_OFFSET (the end each queue had when the
     * consumer started, so nothing sent after the route started is skipped; a topic created later from its start; a
     * broker that joined later from the first message it stored after the start, by its clock, less 10 s),
     * FIRST_OFFSET, or TIMESTAMP (see consumeTimestamp). RocketMQ itself starts a new group at a queue's first message
     * while that message is still in the broker's page cache, so on a young topic LAST_OFFSET behaves like
     * FIRST_OFFSET; TIMESTAMP always starts at the time. A clustering group that had consumed the topic starts a queue
     * it has no offset on (added while the group was stopped) at the first message stored since the newest message it
     * had consumed on the topic, less 10 s, if that is earlier.
     */
    public void setConsumeFromWhere(ConsumeFromWhere consumeFromWhere) {
        this.consumeFromWhere = consumeFromWhere;
    }

    public String getConsumeTimestamp() {
        return consumeTimestamp;
    }

    /**
     * With consumeFromWhere=TIMESTAMP: the start time as yyyyMMddHHmmss; half an hour ago when not set.
     */
    public void setConsumeTimestamp(String consumeTimestamp) {
        this.consumeTimestamp = consumeTimestamp;
    }

    public String getOffsetStoreDir() {
        return offsetStoreDir;
    }

    /**
     * BROADCASTING only: the directory where consumers keep their offsets; rocketcamel-offsets in the temporary
     * directory (java.io.tmpdir) when not set, which a reboot may clear: set a lasting directory in production. Never
     * the home directory.
     */
    public void setOffsetStoreDir(String offsetStoreDir) {
        this.offsetStoreDir = offsetStoreDir;
    }

    public String getBroadcastNodeId() {
        return broadcastNodeId;
    }

    /**
     * BROADCASTING only: this node's name in its offset file, which is the group, the topic and this name, so a route
     * that is restarted, or the same application started again on the node, resumes where it stopped. Default: the host
     * name and the route id; give the route an id, as one Camel generates (route7) changes when routes are added or
     * reordered, and the node under a new name starts afresh (a route start warns). Two broadcasting routes of one
     * group and topic need different names, in one JVM and in two processes that share offsetStoreDir (two instances of
     * an application on one host): the offset file is locked by the process that keeps it, and another is refused at
     * route start. Where the host name changes at each start (a container, a Kubernetes Deployment's pod), set it, and
     * offsetStoreDir on a volume that outlives the container: otherwise every restart is a new node, starting at
     * consumeFromWhere.
     */
    public void setBroadcastNodeId(String broadcastNodeId) {
        this.broadcastNodeId = broadcastNodeId;
    }

    // Apache camel-rocketmq's option names (deprecated aliases)

    @Deprecated
    public String getSendTag() {
        return sendTag;
    }

    /**
     * Apache camel-rocketmq's name for tags on a producer: the tag of sent messages.
     */
    @Deprecated
    public void setSendTag(String sendTag) {
        this.sendTag = sendTag;
    }

    @Deprecated
    public String getSubscribeTags() {
        return subscribeTags;
    }

    /**
     * Apache camel-rocketmq's name for tags on a consumer: the tags to subscribe to, such as TagA or TagA,TagB.
     */
    @Deprecated
    public void setSubscribeTags(String subscribeTags) {
        this.subscribeTags = subscribeTags;
    }

    @Deprecated
    public String getSubscribeSql() {
        return subscribeSql;
    }

    /**
     * Apache camel-rocketmq's name for sql: the SQL92 filter, used when messageSelectorType is sql.
     */
    @Deprecated
    public void setSubscribeSql(String subscribeSql) {
        this.subscribeSql = subscribeSql;
    }

    @Deprecated
    public String getMessageSelectorType() {
        return messageSelectorType;
    }

    /**
     * Apache camel-rocketmq's choice between filtering by tag (tag, with subscribeTags) and by SQL92 (sql, with
     * subscribeSql).
     */
    @Deprecated
    public void setMessageSelectorType(String messageSelectorType) {
        this.messageSelectorType = messageSelectorType;
    }

    @Deprecated
    public String getReplyToTopic() {
        return replyToTopic;
    }

    /**
     * Apache camel-rocketmq's request-reply: an InOut exchange adds a generated key to the request's keys and waits
     * for a message carrying that key on this topic, read with replyToConsumerGroup, for the replier that answers on a
     * topic of its own.
     */
    @Deprecated
    public void setReplyToTopic(String replyToTopic) {
        this.replyToTopic = replyToTopic;
    }

    @Deprecated
    public String getReplyToConsumerGroup() {
        return replyToConsumerGroup;
    }

    /**
     * With replyToTopic: the consumer group that reads the replies.
     */
    @Deprecated
    public void setReplyToConsumerGroup(String replyToConsumerGroup) {
        this.replyToConsumerGroup = replyToConsumerGroup;
    }

    @Deprecated
    public Boolean getWaitForSendResult() {
        return waitForSendResult;
    }

    /**
     * Apache camel-rocketmq's choice of waiting for the send result. Accepted and not needed: every send here waits
     * for the broker's answer unless sendMode=ONEWAY.
     */
    @Deprecated
    public void setWaitForSendResult(Boolean waitForSendResult) {
        this.waitForSendResult = waitForSendResult;
    }

    @Deprecated
    public Long getRequestTimeoutMillis() {
        return requestTimeoutMillis;
    }

    /**
     * Apache camel-rocketmq's name for requestTimeout, in milliseconds.
     */
    @Deprecated
    public void setRequestTimeoutMillis(Long requestTimeoutMillis) {
        this.requestTimeoutMillis = requestTimeoutMillis;
    }

    @Deprecated
    public Long getRequestTimeoutCheckerIntervalMillis() {
        return requestTimeoutCheckerIntervalMillis;
    }

    /**
     * Apache camel-rocketmq's interval of its request timeout checks. Accepted and not needed.
     */
    @Deprecated
    public void setRequestTimeoutCheckerIntervalMillis(Long requestTimeoutCheckerIntervalMillis) {
        this.requestTimeoutCheckerIntervalMillis = requestTimeoutCheckerIntervalMillis;
    }
}
