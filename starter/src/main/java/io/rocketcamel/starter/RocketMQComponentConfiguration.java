package io.rocketcamel.starter;

import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;

/**
 * Every option of the {@code rocketmq} component as {@code camel.component.rocketmq.*}, in camel-spring-boot's
 * shape. Generated from the component's catalog ({@code rocketmq.json}) by the starter's
 * {@code RocketMQComponentConfigurationTest}, which fails when this file differs from the catalog; rewrite it
 * with {@code mvn -pl camel-rocketmq-component,starter verify -Drocketcamel.generate=true}. Do not edit.
 * Durations take Spring's form ({@code 5s}); a bare number is milliseconds, as on the component.
 * A property under the prefix that names no option fails the start: a misspelt namesrv-addr would
 * otherwise leave the address unset, and the application would run on an embedded broker.
 */
@ConfigurationProperties(prefix = RocketMQComponentConfiguration.PREFIX, ignoreUnknownFields = false)
public class RocketMQComponentConfiguration extends ComponentConfigurationPropertiesCommon {

    public static final String PREFIX = "camel.component.rocketmq";

    /**
     * The options every endpoint of this component starts from.
     */
    private io.rocketcamel.component.rocketmq.RocketMQConfiguration configuration;
    /**
     * Time between the client's heartbeats to the brokers (default 2 s). The client's own default (30 s) lets a
     * start-up race stall a new consumer for 30 s, hence the low default.
     */
    private java.time.Duration heartbeatBrokerInterval = java.time.Duration.ofMillis(2000);
    /**
     * The largest message (and batch) in bytes; it must not exceed the broker's maxMessageSize (4 MiB by default). A
     * larger body fails before it is sent; a list body is split into batches below this size.
     */
    private Integer maxMessageSize = 4194304;
    /**
     * The RocketMQ namespace prefixed to topic and group names, to share a cluster between environments.
     */
    private String namespace;
    /**
     * The name server address(es), host:port, several separated by semicolons (h1:9876;h2:9876; a comma or a missing
     * port is refused when the endpoint is created), or a name server's or cloud instance's endpoint as
     * http://host:port (the client fetches no list from a URL: one with a path, or https, is refused). Pointing the
     * same routes at another cluster changes only this option. In the starter, when it is not set, an embedded broker
     * is started (see rocketcamel.embedded-broker) and its address used.
     */
    private String namesrvAddr;
    /**
     * Producer: the one tag of sent messages, a constant or an expression in the forms of keys evaluated per exchange
     * (an exchange for which it gives no value fails; a toD keeps one endpoint for all its values) (the
     * CamelRocketMQTags header overrides it; a producer refuses a comma, two vertical bars, an asterisk or spaces
     * around the tag in either: no consumer of a tag would receive it). Consumer: the tags to subscribe to, separated
     * by commas (for example ERROR,WARN; RocketMQ's own separator, two vertical bars, works too; an expression is
     * refused, as the subscription is made once); every tag when not set or an asterisk, which is refused among other
     * tags (RocketMQ would read it as one more tag). Filtered on the broker. Cannot be combined with sql.
     */
    private String tags;
    /**
     * LOCAL for a self-managed cluster, CLOUD for a cloud vendor's RocketMQ service: with CLOUD the client records
     * message traces to the region's trace topic (rmq_sys_TRACE_DATA_ followed by the broker's region) instead of
     * traceTopic.
     */
    private io.rocketcamel.component.rocketmq.AccessChannel accessChannel = io.rocketcamel.component.rocketmq.AccessChannel.LOCAL;
    /**
     * Whether the client records RocketMQ message traces (to the broker's trace topic).
     */
    private Boolean enableTrace = false;
    /**
     * Decides which Camel headers become message user properties and which user properties become Camel headers. The
     * default drops Camel's own headers and RocketMQ's system properties.
     */
    private org.apache.camel.spi.HeaderFilterStrategy headerFilterStrategy;
    /**
     * The longest delay the brokers accept: their timerMaxDelaySec, 3 days by default. A longer delay fails when the
     * endpoint is created, as the brokers would refuse every message of it (CODE 13, timer message illegal); with
     * manualAck, a longer retryLater(Duration) of a CLUSTERING, POP or BROADCASTING consumer fails the call; a
     * CamelRocketMQDeliverTime header further ahead fails the exchange before anything is sent. Raise it only for a
     * cluster whose brokers are configured with a higher timerMaxDelaySec, to that value.
     */
    private java.time.Duration maxDelay = java.time.Duration.ofMillis(259200000);
    /**
     * Time between the client's route look-ups at the name server (default 5 s); a new topic (including a consumer
     * group's retry topic) or a changed queue count is seen by the client only after such a look-up, and a consumer
     * takes its share of the new queues at the same interval.
     */
    private java.time.Duration pollNameServerInterval = java.time.Duration.ofMillis(5000);
    /**
     * With enableTrace: the topic the client records message traces to; the broker's RMQ_SYS_TRACE_TOPIC when not set.
     * Not used with accessChannel=CLOUD.
     */
    private String traceTopic;
    /**
     * Allows for bridging the consumer to the Camel routing Error Handler, which mean any exceptions (if possible)
     * occurred while the Camel consumer is trying to pickup incoming messages, or the likes, will now be processed as a
     * message and handled by the routing Error Handler. Important: This is only possible if the 3rd party component
     * allows Camel to be alerted if an exception was thrown. Some components handle this internally only, and therefore
     * bridgeErrorHandler is not possible. In other situations we may improve the Camel component to hook into the 3rd
     * party component and make this possible for future releases. By default the consumer will use the
     * org.apache.camel.spi.ExceptionHandler to deal with exceptions, that will be logged at WARN or ERROR level and
     * ignored.
     */
    private Boolean bridgeErrorHandler = false;
    /**
     * Up to this many messages per exchange (1 to 1024). Above 1 the body is always a List of Camel messages (body and
     * headers each, also for a single message) and the batch succeeds or fails as a whole.
     */
    private Integer consumeBatchSize = 1;
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
    private io.rocketcamel.component.rocketmq.ConsumeFromWhere consumeFromWhere = io.rocketcamel.component.rocketmq.ConsumeFromWhere.LAST_OFFSET;
    /**
     * CONCURRENTLY: messages are processed by several threads. ORDERLY: one thread per queue at a time, in queue order;
     * a failed exchange suspends its queue for suspendTime and retries the same message. POP: RocketMQ 5 POP
     * consumption, where the broker shares out messages rather than queues, so more consumers than queues all work and
     * a slow consumer holds up no queue (see popInvisibleTime and popBatchSize); the consumer switches its group to POP
     * on the topic's brokers when it starts, and on brokers the topic gains while it runs. ORDERLY and POP need
     * CLUSTERING.
     */
    private io.rocketcamel.component.rocketmq.ConsumeMode consumeMode = io.rocketcamel.component.rocketmq.ConsumeMode.CONCURRENTLY;
    /**
     * The consumer group (required for consumers). Consumers of one group share the group's offsets and must subscribe
     * alike (topic, tags or sql, messageModel, consumeMode), as RocketMQ keeps one subscription per group: a route
     * whose subscription differs from another running route's of the same group in this JVM fails its start.
     */
    private String consumerGroup;
    /**
     * With consumeFromWhere=TIMESTAMP: the start time as yyyyMMddHHmmss; half an hour ago when not set.
     */
    private String consumeTimestamp;
    /**
     * Where a message goes after its last failed attempt, in every message model: a Camel endpoint URI (for example
     * rocketmq:orders-dead or direct:parked) that gets one exchange per message, with the message's body and headers
     * and the failure in the CamelExceptionCaught property. The message is acknowledged only once that exchange
     * completed without exception and was not marked rollback-only; otherwise the message is not given up (CLUSTERING
     * falls back to the group's dead-letter topic, BROADCASTING keeps retrying the dead letter).
     */
    private String deadLetterUri;
    /**
     * Hands the acknowledgement to the route: each exchange carries a RocketMQAcknowledgement in the
     * CamelRocketMQAcknowledgement header, and the message is acknowledged once the route calls its ack method,
     * redelivered once it calls retryLater (after a given Duration, or the endpoint's retry delay), and redelivered
     * when neither happened within manualAckTimeout after the exchange completed. A decision the route took wins over
     * the exchange's outcome; a failed exchange without a decision is handed back at once, without waiting for
     * manualAckTimeout, and redelivered after the usual retry delay. A route stopped before its decision hands the
     * message back to the group without counting an attempt: it is never dead-lettered for the stop.
     */
    private Boolean manualAck = false;
    /**
     * With manualAck: how long a consumer thread waits for the route's decision once the exchange completed, before the
     * message is redelivered (default 30 s). It must be shorter than consumeTimeout and, with consumeMode=POP, than
     * popInvisibleTime.
     */
    private java.time.Duration manualAckTimeout = java.time.Duration.ofMillis(30000);
    /**
     * How many times a message whose exchange failed (threw, or was marked rollback-only) is redelivered before it is
     * given up: sent to deadLetterUri when set, else to the group's dead-letter topic (named %DLQ% followed by the
     * group name) in CLUSTERING, or dropped with a WARN naming the message id in BROADCASTING.
     */
    private Integer maxReconsumeTimes = 16;
    /**
     * CLUSTERING: the consumers of a group share the messages. BROADCASTING: each consumer gets every message and keeps
     * its offsets in a local file (see offsetStoreDir and broadcastNodeId); a failed exchange is retried by the
     * consumer itself.
     */
    private io.rocketcamel.component.rocketmq.MessageModel messageModel = io.rocketcamel.component.rocketmq.MessageModel.CLUSTERING;
    /**
     * Apache camel-rocketmq's choice between filtering by tag (tag, with subscribeTags) and by SQL92 (sql, with
     * subscribeSql). Deprecation note: Use sql to filter by SQL92, tags to filter by tag.
     */
    @Deprecated
    private java.lang.String messageSelectorType;
    /**
     * CLUSTERING: the broker's delay level for the next redelivery of a failed message (1 to delayLevelCount; with the
     * default levels 3 = 10 s, 9 = 5 min); 0 (the default) lets RocketMQ lengthen the delay with each attempt (level 3
     * plus the attempts so far). The CamelRocketMQRetryDelayLevel header set by the route overrides it. With
     * consumeMode=POP the level picks from the client's POP retry delays instead (1 = 30 s, 2 = 1 min, 3 = 2 min, up to
     * 15 = 2 h); there 0 lengthens the delay with each attempt too (10 s, 30 s, 1 min, ...). ORDERLY and BROADCASTING
     * wait suspendTime.
     */
    private Integer retryDelayLevel = 0;
    /**
     * Subscribe with an SQL92 filter on message properties, for example level = 'ERROR' AND latencyMs BETWEEN 500 AND
     * 60000; the broker needs enablePropertyFilter=true. Checked with the broker's own parser when the endpoint is
     * created, which must read it whole: that parser stops at the first token it cannot use (LIKE, a missing AND) and
     * the broker would filter by the part before. A property alone as a condition (flag, NOT flag) is refused: it holds
     * only for a Boolean property and message properties are text, so compare it (flag = TRUE). Cannot be combined with
     * tags.
     */
    private String sql;
    /**
     * Apache camel-rocketmq's name for sql: the SQL92 filter, used when messageSelectorType is sql. Deprecation note:
     * Use sql.
     */
    @Deprecated
    private String subscribeSql;
    /**
     * Apache camel-rocketmq's name for tags on a consumer: the tags to subscribe to, such as TagA or TagA,TagB.
     * Deprecation note: Use tags.
     */
    @Deprecated
    private String subscribeTags;
    /**
     * How long a failed exchange waits before its retry (10 ms to 30 s, default 1 s): ORDERLY suspends the queue for
     * this long; BROADCASTING waits this long before the first retry and doubles it for each next one, up to 30 s.
     */
    private java.time.Duration suspendTime = java.time.Duration.ofMillis(1000);
    /**
     * When the route fails on a request (an InOut exchange sent by a rocketmq: producer), the failure is the reply: its
     * exception's class and message, with which the requester's exchange fails at once (RocketMQReplyException), and
     * the request is acknowledged, the requester deciding whether to ask again. Default false: the failed request is
     * redelivered as any failed message (up to maxReconsumeTimes, then the dead-letter queue) and the requester learns
     * only that no reply came, a requestTimeout later. Messages that are no request are not affected. Cannot be
     * combined with manualAck or consumeBatchSize above 1.
     */
    private Boolean transferException = false;
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
    private String broadcastNodeId;
    /**
     * The RocketMQ client's maximum size of the consumer's thread pool (consumeThreadMin to 1000). It has no effect
     * beyond consumeThreadMin: the client's pool queues its work without bound, so it never starts more than
     * consumeThreadMin threads; a consumer with a higher value logs a warning. Set consumeThreadMin for more threads.
     */
    private Integer consumeThreadMax = 20;
    /**
     * How many threads the consumer's pool runs (1 to 1000): with CONCURRENTLY and POP the most messages (batches)
     * processed at a time, with ORDERLY the most queues. The RocketMQ client's pool queues its work without bound, so
     * it never grows beyond this size, whatever consumeThreadMax says. Above 20, set consumeThreadMax at least as high
     * (the client refuses a smaller maximum).
     */
    private Integer consumeThreadMin = 20;
    /**
     * CONCURRENTLY with CLUSTERING: a message still being processed after this long is sent back for redelivery
     * (default 15 min; whole minutes, at least 1).
     */
    private java.time.Duration consumeTimeout = java.time.Duration.ofMillis(900000);
    /**
     * The old name of consumeTimeout, in minutes. Deprecation note: Use consumeTimeout, a duration.
     */
    @Deprecated
    private Long consumeTimeoutMinutes;
    /**
     * BROADCASTING only: the directory where consumers keep their offsets; rocketcamel-offsets in the temporary
     * directory (java.io.tmpdir) when not set, which a reboot may clear: set a lasting directory in production. Never
     * the home directory.
     */
    private String offsetStoreDir;
    /**
     * consumeMode=POP: how many messages one pop takes at most (1 to 32, default 32); smaller batches spread messages
     * over more consumers. A consumer holds no more popped messages than its consumeThreadMin threads can start, shared
     * among the topic's brokers: a pop takes at most that share, and the next comes once enough of it finished.
     */
    private Integer popBatchSize = 32;
    /**
     * consumeMode=POP: how long a popped message stays invisible to the group's other consumers (5 s to 300 s, default
     * 60 s). A message not acknowledged within that time (its consumer crashed, or its exchange ran longer) is
     * delivered again, counted as an attempt, so set it above the longest exchange: a run that outlasts it is dropped
     * (WARN) and, once the message comes back past maxReconsumeTimes, it is dead-lettered without running.
     */
    private java.time.Duration popInvisibleTime = java.time.Duration.ofMillis(60000);
    /**
     * How many messages the client pulls from a queue at once (1 to 1024).
     */
    private Integer pullBatchSize = 32;
    /**
     * The old name of suspendTime. Deprecation note: Use suspendTime.
     */
    @Deprecated
    private java.time.Duration suspendMillis;
    /**
     * With batchSize above 1: how long a message may wait for more to fill its batch; 0 (the default) sends what is
     * queued as soon as a send slot is free.
     */
    private java.time.Duration batchLinger = java.time.Duration.ofMillis(0);
    /**
     * Above 1: concurrent exchanges to one topic (and, with an order key, one queue) are sent together as RocketMQ
     * batches of up to this many messages (and maxMessageSize bytes); each exchange completes when its batch is
     * acknowledged. 1 (the default) sends every exchange on its own.
     */
    private Integer batchSize = 1;
    /**
     * Deliver each message this long after it was sent, to the millisecond (RocketMQ 5 timer message; the broker's
     * timer precision applies), for example 90s or PT5M. The broker counts it on its own clock from when it stores the
     * message, and refuses a delay longer than its timerMaxDelaySec (3 days by default; see maxDelay). The
     * CamelRocketMQDeliverTime header (epoch milliseconds) overrides it. Cannot be combined with delayLevel.
     */
    private java.time.Duration delay;
    /**
     * The broker's delay level (1 to delayLevelCount; with the default levels 1 = 1 s, 5 = 1 min, 13 = 9 min, 17 = 1
     * h); 0 for no delay. The CamelRocketMQOverrideDelayLevel header overrides it. Cannot be combined with delay.
     */
    private Integer delayLevel;
    /**
     * The message keys (space separated), an expression: a constant, or Camel's simple language written as
     * ${header.id}, as $simple{header.id}, or with angle brackets in place of the braces (which Spring Boot property
     * files leave alone); an expression giving a collection or array gives those keys. The CamelRocketMQKeys header
     * overrides it. For a list of Camel messages (a consumed batch forwarded whole) this and the other expression
     * options are evaluated per message, against its own headers.
     */
    private String keys;
    /**
     * Whether the producer should be started lazy (on the first message). By starting lazy you can use this to allow
     * CamelContext and routes to startup in situations where a producer may otherwise fail during starting and cause
     * the route to fail being started. By deferring this startup to be lazy then the startup failure can be handled
     * during routing messages via Camel's routing error handlers. Beware that when the first message is processed then
     * creating and starting the producer may take a little time and prolong the total processing time of the
     * processing.
     */
    private Boolean lazyStartProducer = false;
    /**
     * transactional only: the endpoint (for example direct:createOrder) that runs the local transaction with the
     * exchange while the half message is pending: completes normally = COMMIT, fails = ROLLBACK (and the exchange
     * fails), marked rollback-only = ROLLBACK, CamelRocketMQTransactionState header UNKNOWN or ROLLBACK = that state.
     * Inside a Spring transaction, a COMMIT waits for that transaction to commit.
     */
    private String localTransaction;
    /**
     * The message group of RocketMQ 5 FIFO messages, an expression in the same forms as keys: the message carries it as
     * the group property that RocketMQ 5 consumers read, and goes to the queue the RocketMQ 5 proxy picks for the group
     * (a consistent hash of the group over the topic's writable queues), so one group's messages sent by this endpoint
     * and by RocketMQ 5 SDK producers share a queue and keep their order. The CamelRocketMQMessageGroup header
     * overrides it. Cannot be combined with orderKey. An exchange for which it evaluates to no value, or to several (a
     * collection or array), fails.
     */
    private String messageGroup;
    /**
     * The order key, an expression in the same forms as keys: the queue is chosen by a stable hash (CRC32 of its UTF-8
     * bytes, modulo the queue count), so messages with one key keep their order. The CamelRocketMQOrderKey header
     * overrides it. An exchange for which it evaluates to no value (a header it reads is missing) fails rather than go
     * to any queue out of order, as does one that gives several values (a collection or array: a queue takes one key).
     * Each message of a list of Camel messages goes to its own key's queue.
     */
    private String orderKey;
    /**
     * The producer group. When not set, the group is rocketcamel-producer-TOPIC, TOPIC being the endpoint's topic.
     */
    private String producerGroup;
    /**
     * With replyToTopic: the consumer group that reads the replies. Deprecation note: Only together with replyToTopic.
     */
    @Deprecated
    private String replyToConsumerGroup;
    /**
     * Apache camel-rocketmq's request-reply: an InOut exchange adds a generated key to the request's keys and waits for
     * a message carrying that key on this topic, read with replyToConsumerGroup, for the replier that answers on a
     * topic of its own. Deprecation note: Only for repliers that answer on a topic of their own; InOut exchanges
     * without it use RocketMQ's request-reply, which needs no reply topic.
     */
    @Deprecated
    private String replyToTopic;
    /**
     * How long an InOut exchange waits for the reply (RocketMQ request-reply) before it fails with an
     * ExchangeTimedOutException (default 10 s, at most 2,147,483,647 ms: about 24.8 days).
     */
    private java.time.Duration requestTimeout = java.time.Duration.ofMillis(10000);
    /**
     * Whether a send succeeds only with the broker's SEND_OK. The other statuses (FLUSH_DISK_TIMEOUT,
     * FLUSH_SLAVE_TIMEOUT, SLAVE_NOT_AVAILABLE) mean the master stored the message but not as durably as configured
     * (not flushed, not replicated): by default the exchange fails naming the status, and a retry may store the message
     * twice. false accepts them as sent, for availability over durability; the status is in the CamelRocketMQSendStatus
     * header. Not with transactional=true: the client rolls back such a half message.
     */
    private Boolean requireSendOk = true;
    /**
     * SYNC waits for the broker's answer; ASYNC continues the route in the client's callback without blocking a thread
     * (with an order key, one message of a queue is on its way at a time, so per-key order holds); ONEWAY sends without
     * any confirmation, so a lost message goes unnoticed, and keeps no order (a key still picks the queue; the producer
     * warns).
     */
    private io.rocketcamel.component.rocketmq.SendMode sendMode = io.rocketcamel.component.rocketmq.SendMode.SYNC;
    /**
     * Apache camel-rocketmq's name for tags on a producer: the tag of sent messages. Deprecation note: Use tags.
     */
    @Deprecated
    private String sendTag;
    /**
     * How long a send waits for the broker before it fails (default 3 s). Also how long a caller waits for room when
     * sendBufferBytes is reached.
     */
    private java.time.Duration sendTimeout = java.time.Duration.ofMillis(3000);
    /**
     * Send each exchange as a transactional (half) message: consumers see it only once it is committed. The local
     * transaction is the localTransaction endpoint or, without it, the rest of the exchange: committed when the
     * exchange completes, rolled back when it fails or is marked rollback-only; a CamelRocketMQTransactionState header
     * of UNKNOWN leaves the decision to the transactionChecker. A send inside a Spring transaction (a transacted route,
     * a ProducerTemplate called in a transactional method) commits only once that transaction has committed, and rolls
     * back with it. Needs sendMode=SYNC; no delay, batchSize or list bodies.
     */
    private Boolean transactional = false;
    /**
     * transactional only: answers the broker's check-backs for undecided half messages: an endpoint (for example
     * direct:checkOrder) that gets the half message with its headers and answers COMMIT, ROLLBACK or UNKNOWN in the
     * body or the CamelRocketMQTransactionState header, or #beanName of a RocketMQTransactionChecker. A checker that
     * fails answers UNKNOWN. Without a checker every check-back is answered UNKNOWN, and the broker drops a half
     * message whose outcome never arrived after its last check (transactionCheckMax): set one.
     */
    private String transactionChecker;
    /**
     * Apache camel-rocketmq's choice of waiting for the send result. Accepted and not needed: every send here waits for
     * the broker's answer unless sendMode=ONEWAY. Deprecation note: Every send is confirmed unless sendMode=ONEWAY; use
     * sendMode.
     */
    @Deprecated
    private Boolean waitForSendResult;
    /**
     * The old name of batchLinger, in milliseconds. Deprecation note: Use batchLinger, a duration.
     */
    @Deprecated
    private Long batchLingerMs;
    /**
     * How many delay levels the broker has (its messageDelayLevel setting; 18 by default).
     */
    private Integer delayLevelCount = 18;
    /**
     * Apache camel-rocketmq's interval of its request timeout checks. Accepted and not needed. Deprecation note: Not
     * needed: each request times out on its own.
     */
    @Deprecated
    private Integer requestTimeoutCheckerIntervalMillis;
    /**
     * Apache camel-rocketmq's name for requestTimeout, in milliseconds. Deprecation note: Use requestTimeout, a
     * duration.
     */
    @Deprecated
    private Integer requestTimeoutMillis;
    /**
     * How many times a failed send is retried before the exchange fails; 0 or more. A send without an order key or
     * message group is retried on another broker when there is one, each attempt bounded by sendAttemptTimeout: SYNC by
     * the client; ASYNC and automatic batches by the component, which also retries a broker's error answer (busy, not
     * available) that the client does not. A SYNC send with a key, which the client itself tries once, is retried on
     * its key's queue after a pause (50 ms, doubling up to 1 s). All within sendTimeout since the first try. An ordered
     * lane (ASYNC with a key, automatic batching with a key) retries in place until sendTimeout instead.
     */
    private Integer retryTimesWhenSendFailed = 2;
    /**
     * How long one attempt of a send waits for a broker before the send tries another, while retries are left
     * (RocketMQ's sendMsgMaxTimeoutPerRequest); the last attempt may use what is left of sendTimeout. Default 0:
     * sendTimeout shared equally among the attempts (one more than retryTimesWhenSendFailed), 1 s with the defaults.
     * Without a bound a broker that hangs (registered, answering nothing) took a first attempt's whole sendTimeout: the
     * send failed with no time left for another broker, or its retry, left a few ms, timed out at once and made the
     * client leave out (sendLatencyFaultEnable) a broker that answers; a producer of several threads then sent about
     * half its messages to the hung broker, each waiting sendTimeout. An attempt that timed out may still be stored by
     * its broker: a duplicate, as with any send that timed out. Sends without an order key or message group: SYNC and
     * transactional ones (the client bounds their attempts), ASYNC ones and automatic batches (given up here within 50
     * ms past the bound: the client fails an asynchronous request without an answer only a second or two past its
     * timeout, with no time left for another broker). A send with a key goes to its key's queue. Must be below
     * sendTimeout.
     */
    private java.time.Duration sendAttemptTimeout = java.time.Duration.ofMillis(0);
    /**
     * With batchSize above 1, or ASYNC sends with an order key: how many bytes of messages may wait for their send at
     * once (default 32 MiB). A caller that would go over it waits up to sendTimeout for room, then its exchange fails
     * naming this option; nothing is dropped silently and memory stays bounded while a broker is slow or away.
     */
    private Long sendBufferBytes = 33554432L;
    /**
     * Whether a send without an order key or message group leaves out, for a while, a broker whose last send failed or
     * answered slowly (RocketMQ's latency fault tolerance): 10 s after a timeout or a failed connection, after a slow
     * answer 2 s (550 ms and more) up to 30 s (15 s and more). Off (RocketMQ's default), the client picks the topic's
     * queues in turn whatever happened: with one master of several hung (still registered, answering nothing), every
     * send that picks its queues waits sendAttemptTimeout there before another broker takes it. Turn it on for a
     * cluster of several masters. A send with a key always goes to its key's queue.
     */
    private Boolean sendLatencyFaultEnable = false;
    /**
     * How many threads answer the broker's check-backs on a producer group's client (1 to 1000): the transactional
     * endpoints' shared client and plain endpoints sending with the same producerGroup (the broker checks back with any
     * client of the group). 1, the default as in the RocketMQ client, asks the transactionChecker one check-back at a
     * time, so a checker bean need not be thread-safe. Check-backs wait for a thread each transaction once (the
     * broker's newest copy of its half message), up to 64 MiB of heap (some 15,000 transactions of 1 KiB); one beyond
     * is dropped (logged) yet counts as one of the transaction's transactionCheckMax checks. An answer that comes after
     * the broker's last check still stores the message, but a transaction dropped at each of its checks is discarded by
     * the broker (committed locally, never delivered). A checker taking t ms answers 1000/t check-backs a second per
     * thread: give a slow one (a database lookup) more threads when many transactions may be left undecided at once.
     */
    private Integer transactionCheckThreads = 1;
    /**
     * Whether autowiring is enabled. This is used for automatic autowiring options (the option must be marked as
     * autowired) by looking up in the registry to find if there is a single instance of matching type, which then gets
     * configured on the component. This can be used for automatic configuring JDBC data sources, JMS connection
     * factories, AWS Clients, etc.
     */
    private Boolean autowiredEnabled = true;
    /**
     * Used for enabling or disabling all consumer based health checks from this component
     */
    private Boolean healthCheckConsumerEnabled = true;
    /**
     * Used for enabling or disabling all producer based health checks from this component. Notice: Camel has by default
     * disabled all producer based health-checks. You can turn on producer checks globally by setting
     * camel.health.producersEnabled=true.
     */
    private Boolean healthCheckProducerEnabled = true;
    /**
     * The access key for a broker with ACL enabled (used together with secretKey).
     */
    private String accessKey;
    /**
     * The secret key for a broker with ACL enabled (used together with accessKey).
     */
    private String secretKey;
    /**
     * Whether the client talks TLS to the name servers and brokers (RocketMQ servers accept TLS and plain connections
     * in their default permissive mode; the embedded broker plain ones only, unless its builder is told acceptTls, as
     * the starter builds it when this is on). The client verifies the server certificate only when the JVM runs with
     * RocketMQ's TLS system properties tls.test.mode.enable=false, tls.client.authServer=true and
     * tls.client.trustCertPath naming the trusted certificate (JVM-wide, also read from the file named by
     * tls.config.file); otherwise it accepts any certificate.
     */
    private Boolean useTls = false;

    public io.rocketcamel.component.rocketmq.RocketMQConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(io.rocketcamel.component.rocketmq.RocketMQConfiguration configuration) {
        this.configuration = configuration;
    }

    public java.time.Duration getHeartbeatBrokerInterval() {
        return heartbeatBrokerInterval;
    }

    public void setHeartbeatBrokerInterval(java.time.Duration heartbeatBrokerInterval) {
        this.heartbeatBrokerInterval = heartbeatBrokerInterval;
    }

    public Integer getMaxMessageSize() {
        return maxMessageSize;
    }

    public void setMaxMessageSize(Integer maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getNamesrvAddr() {
        return namesrvAddr;
    }

    public void setNamesrvAddr(String namesrvAddr) {
        this.namesrvAddr = namesrvAddr;
    }

    public String getTags() {
        return tags;
    }

    public void setTags(String tags) {
        this.tags = tags;
    }

    public io.rocketcamel.component.rocketmq.AccessChannel getAccessChannel() {
        return accessChannel;
    }

    public void setAccessChannel(io.rocketcamel.component.rocketmq.AccessChannel accessChannel) {
        this.accessChannel = accessChannel;
    }

    public Boolean getEnableTrace() {
        return enableTrace;
    }

    public void setEnableTrace(Boolean enableTrace) {
        this.enableTrace = enableTrace;
    }

    public org.apache.camel.spi.HeaderFilterStrategy getHeaderFilterStrategy() {
        return headerFilterStrategy;
    }

    public void setHeaderFilterStrategy(org.apache.camel.spi.HeaderFilterStrategy headerFilterStrategy) {
        this.headerFilterStrategy = headerFilterStrategy;
    }

    public java.time.Duration getMaxDelay() {
        return maxDelay;
    }

    public void setMaxDelay(java.time.Duration maxDelay) {
        this.maxDelay = maxDelay;
    }

    public java.time.Duration getPollNameServerInterval() {
        return pollNameServerInterval;
    }

    public void setPollNameServerInterval(java.time.Duration pollNameServerInterval) {
        this.pollNameServerInterval = pollNameServerInterval;
    }

    public String getTraceTopic() {
        return traceTopic;
    }

    public void setTraceTopic(String traceTopic) {
        this.traceTopic = traceTopic;
    }

    public Boolean getBridgeErrorHandler() {
        return bridgeErrorHandler;
    }

    public void setBridgeErrorHandler(Boolean bridgeErrorHandler) {
        this.bridgeErrorHandler = bridgeErrorHandler;
    }

    public Integer getConsumeBatchSize() {
        return consumeBatchSize;
    }

    public void setConsumeBatchSize(Integer consumeBatchSize) {
        this.consumeBatchSize = consumeBatchSize;
    }

    public io.rocketcamel.component.rocketmq.ConsumeFromWhere getConsumeFromWhere() {
        return consumeFromWhere;
    }

    public void setConsumeFromWhere(io.rocketcamel.component.rocketmq.ConsumeFromWhere consumeFromWhere) {
        this.consumeFromWhere = consumeFromWhere;
    }

    public io.rocketcamel.component.rocketmq.ConsumeMode getConsumeMode() {
        return consumeMode;
    }

    public void setConsumeMode(io.rocketcamel.component.rocketmq.ConsumeMode consumeMode) {
        this.consumeMode = consumeMode;
    }

    public String getConsumerGroup() {
        return consumerGroup;
    }

    public void setConsumerGroup(String consumerGroup) {
        this.consumerGroup = consumerGroup;
    }

    public String getConsumeTimestamp() {
        return consumeTimestamp;
    }

    public void setConsumeTimestamp(String consumeTimestamp) {
        this.consumeTimestamp = consumeTimestamp;
    }

    public String getDeadLetterUri() {
        return deadLetterUri;
    }

    public void setDeadLetterUri(String deadLetterUri) {
        this.deadLetterUri = deadLetterUri;
    }

    public Boolean getManualAck() {
        return manualAck;
    }

    public void setManualAck(Boolean manualAck) {
        this.manualAck = manualAck;
    }

    public java.time.Duration getManualAckTimeout() {
        return manualAckTimeout;
    }

    public void setManualAckTimeout(java.time.Duration manualAckTimeout) {
        this.manualAckTimeout = manualAckTimeout;
    }

    public Integer getMaxReconsumeTimes() {
        return maxReconsumeTimes;
    }

    public void setMaxReconsumeTimes(Integer maxReconsumeTimes) {
        this.maxReconsumeTimes = maxReconsumeTimes;
    }

    public io.rocketcamel.component.rocketmq.MessageModel getMessageModel() {
        return messageModel;
    }

    public void setMessageModel(io.rocketcamel.component.rocketmq.MessageModel messageModel) {
        this.messageModel = messageModel;
    }

    @Deprecated
    @DeprecatedConfigurationProperty(reason = "Use sql to filter by SQL92, tags to filter by tag.")
    public java.lang.String getMessageSelectorType() {
        return messageSelectorType;
    }

    @Deprecated
    public void setMessageSelectorType(java.lang.String messageSelectorType) {
        this.messageSelectorType = messageSelectorType;
    }

    public Integer getRetryDelayLevel() {
        return retryDelayLevel;
    }

    public void setRetryDelayLevel(Integer retryDelayLevel) {
        this.retryDelayLevel = retryDelayLevel;
    }

    public String getSql() {
        return sql;
    }

    public void setSql(String sql) {
        this.sql = sql;
    }

    @Deprecated
    @DeprecatedConfigurationProperty(reason = "Use sql.",
            replacement = "camel.component.rocketmq.sql")
    public String getSubscribeSql() {
        return subscribeSql;
    }

    @Deprecated
    public void setSubscribeSql(String subscribeSql) {
        this.subscribeSql = subscribeSql;
    }

    @Deprecated
    @DeprecatedConfigurationProperty(reason = "Use tags.",
            replacement = "camel.component.rocketmq.tags")
    public String getSubscribeTags() {
        return subscribeTags;
    }

    @Deprecated
    public void setSubscribeTags(String subscribeTags) {
        this.subscribeTags = subscribeTags;
    }

    public java.time.Duration getSuspendTime() {
        return suspendTime;
    }

    public void setSuspendTime(java.time.Duration suspendTime) {
        this.suspendTime = suspendTime;
    }

    public Boolean getTransferException() {
        return transferException;
    }

    public void setTransferException(Boolean transferException) {
        this.transferException = transferException;
    }

    public String getBroadcastNodeId() {
        return broadcastNodeId;
    }

    public void setBroadcastNodeId(String broadcastNodeId) {
        this.broadcastNodeId = broadcastNodeId;
    }

    public Integer getConsumeThreadMax() {
        return consumeThreadMax;
    }

    public void setConsumeThreadMax(Integer consumeThreadMax) {
        this.consumeThreadMax = consumeThreadMax;
    }

    public Integer getConsumeThreadMin() {
        return consumeThreadMin;
    }

    public void setConsumeThreadMin(Integer consumeThreadMin) {
        this.consumeThreadMin = consumeThreadMin;
    }

    public java.time.Duration getConsumeTimeout() {
        return consumeTimeout;
    }

    public void setConsumeTimeout(java.time.Duration consumeTimeout) {
        this.consumeTimeout = consumeTimeout;
    }

    @Deprecated
    @DeprecatedConfigurationProperty(reason = "Use consumeTimeout, a duration.",
            replacement = "camel.component.rocketmq.consume-timeout")
    public Long getConsumeTimeoutMinutes() {
        return consumeTimeoutMinutes;
    }

    @Deprecated
    public void setConsumeTimeoutMinutes(Long consumeTimeoutMinutes) {
        this.consumeTimeoutMinutes = consumeTimeoutMinutes;
    }

    public String getOffsetStoreDir() {
        return offsetStoreDir;
    }

    public void setOffsetStoreDir(String offsetStoreDir) {
        this.offsetStoreDir = offsetStoreDir;
    }

    public Integer getPopBatchSize() {
        return popBatchSize;
    }

    public void setPopBatchSize(Integer popBatchSize) {
        this.popBatchSize = popBatchSize;
    }

    public java.time.Duration getPopInvisibleTime() {
        return popInvisibleTime;
    }

    public void setPopInvisibleTime(java.time.Duration popInvisibleTime) {
        this.popInvisibleTime = popInvisibleTime;
    }

    public Integer getPullBatchSize() {
        return pullBatchSize;
    }

    public void setPullBatchSize(Integer pullBatchSize) {
        this.pullBatchSize = pullBatchSize;
    }

    @Deprecated
    @DeprecatedConfigurationProperty(reason = "Use suspendTime.",
            replacement = "camel.component.rocketmq.suspend-time")
    public java.time.Duration getSuspendMillis() {
        return suspendMillis;
    }

    @Deprecated
    public void setSuspendMillis(java.time.Duration suspendMillis) {
        this.suspendMillis = suspendMillis;
    }

    public java.time.Duration getBatchLinger() {
        return batchLinger;
    }

    public void setBatchLinger(java.time.Duration batchLinger) {
        this.batchLinger = batchLinger;
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    public java.time.Duration getDelay() {
        return delay;
    }

    public void setDelay(java.time.Duration delay) {
        this.delay = delay;
    }

    public Integer getDelayLevel() {
        return delayLevel;
    }

    public void setDelayLevel(Integer delayLevel) {
        this.delayLevel = delayLevel;
    }

    public String getKeys() {
        return keys;
    }

    public void setKeys(String keys) {
        this.keys = keys;
    }

    public Boolean getLazyStartProducer() {
        return lazyStartProducer;
    }

    public void setLazyStartProducer(Boolean lazyStartProducer) {
        this.lazyStartProducer = lazyStartProducer;
    }

    public String getLocalTransaction() {
        return localTransaction;
    }

    public void setLocalTransaction(String localTransaction) {
        this.localTransaction = localTransaction;
    }

    public String getMessageGroup() {
        return messageGroup;
    }

    public void setMessageGroup(String messageGroup) {
        this.messageGroup = messageGroup;
    }

    public String getOrderKey() {
        return orderKey;
    }

    public void setOrderKey(String orderKey) {
        this.orderKey = orderKey;
    }

    public String getProducerGroup() {
        return producerGroup;
    }

    public void setProducerGroup(String producerGroup) {
        this.producerGroup = producerGroup;
    }

    @Deprecated
    @DeprecatedConfigurationProperty(reason = "Only together with replyToTopic.")
    public String getReplyToConsumerGroup() {
        return replyToConsumerGroup;
    }

    @Deprecated
    public void setReplyToConsumerGroup(String replyToConsumerGroup) {
        this.replyToConsumerGroup = replyToConsumerGroup;
    }

    @Deprecated
    @DeprecatedConfigurationProperty(reason = "Only for repliers that answer on a topic of their own; InOut exchanges "
            + "without it use RocketMQ's request-reply, which needs no reply topic.")
    public String getReplyToTopic() {
        return replyToTopic;
    }

    @Deprecated
    public void setReplyToTopic(String replyToTopic) {
        this.replyToTopic = replyToTopic;
    }

    public java.time.Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(java.time.Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Boolean getRequireSendOk() {
        return requireSendOk;
    }

    public void setRequireSendOk(Boolean requireSendOk) {
        this.requireSendOk = requireSendOk;
    }

    public io.rocketcamel.component.rocketmq.SendMode getSendMode() {
        return sendMode;
    }

    public void setSendMode(io.rocketcamel.component.rocketmq.SendMode sendMode) {
        this.sendMode = sendMode;
    }

    @Deprecated
    @DeprecatedConfigurationProperty(reason = "Use tags.",
            replacement = "camel.component.rocketmq.tags")
    public String getSendTag() {
        return sendTag;
    }

    @Deprecated
    public void setSendTag(String sendTag) {
        this.sendTag = sendTag;
    }

    public java.time.Duration getSendTimeout() {
        return sendTimeout;
    }

    public void setSendTimeout(java.time.Duration sendTimeout) {
        this.sendTimeout = sendTimeout;
    }

    public Boolean getTransactional() {
        return transactional;
    }

    public void setTransactional(Boolean transactional) {
        this.transactional = transactional;
    }

    public String getTransactionChecker() {
        return transactionChecker;
    }

    public void setTransactionChecker(String transactionChecker) {
        this.transactionChecker = transactionChecker;
    }

    @Deprecated
    @DeprecatedConfigurationProperty(reason = "Every send is confirmed unless sendMode=ONEWAY; use sendMode.")
    public Boolean getWaitForSendResult() {
        return waitForSendResult;
    }

    @Deprecated
    public void setWaitForSendResult(Boolean waitForSendResult) {
        this.waitForSendResult = waitForSendResult;
    }

    @Deprecated
    @DeprecatedConfigurationProperty(reason = "Use batchLinger, a duration.",
            replacement = "camel.component.rocketmq.batch-linger")
    public Long getBatchLingerMs() {
        return batchLingerMs;
    }

    @Deprecated
    public void setBatchLingerMs(Long batchLingerMs) {
        this.batchLingerMs = batchLingerMs;
    }

    public Integer getDelayLevelCount() {
        return delayLevelCount;
    }

    public void setDelayLevelCount(Integer delayLevelCount) {
        this.delayLevelCount = delayLevelCount;
    }

    @Deprecated
    @DeprecatedConfigurationProperty(reason = "Not needed: each request times out on its own.")
    public Integer getRequestTimeoutCheckerIntervalMillis() {
        return requestTimeoutCheckerIntervalMillis;
    }

    @Deprecated
    public void setRequestTimeoutCheckerIntervalMillis(Integer requestTimeoutCheckerIntervalMillis) {
        this.requestTimeoutCheckerIntervalMillis = requestTimeoutCheckerIntervalMillis;
    }

    @Deprecated
    @DeprecatedConfigurationProperty(reason = "Use requestTimeout, a duration.",
            replacement = "camel.component.rocketmq.request-timeout")
    public Integer getRequestTimeoutMillis() {
        return requestTimeoutMillis;
    }

    @Deprecated
    public void setRequestTimeoutMillis(Integer requestTimeoutMillis) {
        this.requestTimeoutMillis = requestTimeoutMillis;
    }

    public Integer getRetryTimesWhenSendFailed() {
        return retryTimesWhenSendFailed;
    }

    public void setRetryTimesWhenSendFailed(Integer retryTimesWhenSendFailed) {
        this.retryTimesWhenSendFailed = retryTimesWhenSendFailed;
    }

    public java.time.Duration getSendAttemptTimeout() {
        return sendAttemptTimeout;
    }

    public void setSendAttemptTimeout(java.time.Duration sendAttemptTimeout) {
        this.sendAttemptTimeout = sendAttemptTimeout;
    }

    public Long getSendBufferBytes() {
        return sendBufferBytes;
    }

    public void setSendBufferBytes(Long sendBufferBytes) {
        this.sendBufferBytes = sendBufferBytes;
    }

    public Boolean getSendLatencyFaultEnable() {
        return sendLatencyFaultEnable;
    }

    public void setSendLatencyFaultEnable(Boolean sendLatencyFaultEnable) {
        this.sendLatencyFaultEnable = sendLatencyFaultEnable;
    }

    public Integer getTransactionCheckThreads() {
        return transactionCheckThreads;
    }

    public void setTransactionCheckThreads(Integer transactionCheckThreads) {
        this.transactionCheckThreads = transactionCheckThreads;
    }

    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
    }

    public Boolean getHealthCheckConsumerEnabled() {
        return healthCheckConsumerEnabled;
    }

    public void setHealthCheckConsumerEnabled(Boolean healthCheckConsumerEnabled) {
        this.healthCheckConsumerEnabled = healthCheckConsumerEnabled;
    }

    public Boolean getHealthCheckProducerEnabled() {
        return healthCheckProducerEnabled;
    }

    public void setHealthCheckProducerEnabled(Boolean healthCheckProducerEnabled) {
        this.healthCheckProducerEnabled = healthCheckProducerEnabled;
    }

    public String getAccessKey() {
        return accessKey;
    }

    public void setAccessKey(String accessKey) {
        this.accessKey = accessKey;
    }

    public String getSecretKey() {
        return secretKey;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    public Boolean getUseTls() {
        return useTls;
    }

    public void setUseTls(Boolean useTls) {
        this.useTls = useTls;
    }
}
