package io.rocketcamel.starter;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import io.rocketcamel.component.rocketmq.ConsumeFromWhere;
import io.rocketcamel.component.rocketmq.ConsumeMode;
import io.rocketcamel.component.rocketmq.MessageModel;
import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.SendMode;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * Every option of the {@code rocketmq} component, in camel-spring-boot's shape. Hand-written:
 * {@code RocketMQComponentConfigurationTest} fails when the component's catalog ({@code rocketmq.json}) and these
 * properties disagree on a name, a type or a default. Time options take a Spring duration ({@code 5s}); a bare number
 * is milliseconds, as on the component.
 */
@ConfigurationProperties(prefix = RocketMQComponentConfiguration.PREFIX)
public class RocketMQComponentConfiguration extends ComponentConfigurationPropertiesCommon {

    public static final String PREFIX = "camel.component.rocketmq";

    /**
     * The name server address(es), host:port, several separated by semicolons. When not set, the starter starts an
     * embedded broker (see rocketcamel.embedded-broker.*) and uses its address.
     */
    private String namesrvAddr;
    /**
     * The RocketMQ namespace prefixed to topic and group names, to share a cluster between environments.
     */
    private String namespace;
    /**
     * Producer: the tag of sent messages. Consumer: the tags to subscribe to, separated by || (all when not set).
     * Cannot be combined with sql.
     */
    private String tags;
    /**
     * Milliseconds between the client's heartbeats to the brokers.
     */
    private Integer heartbeatBrokerInterval = 2000;
    /**
     * Milliseconds between the client's route look-ups at the name server.
     */
    private Integer pollNameServerInterval = 5000;
    /**
     * Whether the client records RocketMQ message traces (to the broker's trace topic).
     */
    private Boolean enableTrace = false;
    /**
     * A bean (#bean:name) deciding which Camel headers become message user properties and back.
     */
    private HeaderFilterStrategy headerFilterStrategy;
    /**
     * The access key for a broker with ACL enabled (used together with secret-key).
     */
    private String accessKey;
    /**
     * The secret key for a broker with ACL enabled (used together with access-key).
     */
    private String secretKey;
    /**
     * A bean (#bean:name) with the options every endpoint starts from; the individual properties here are applied
     * on top of it.
     */
    private RocketMQConfiguration configuration;
    /**
     * Route consumer start-up and polling errors to the route's error handler instead of logging them.
     */
    private Boolean bridgeErrorHandler = false;
    /**
     * Start producers on their first message instead of with the route.
     */
    private Boolean lazyStartProducer = false;
    /**
     * Whether options of the component are autowired from singleton beans of their type.
     */
    private Boolean autowiredEnabled = true;

    /**
     * The producer group. When not set, rocketcamel-producer-(topic) is used.
     */
    private String producerGroup;
    /**
     * SYNC waits for the broker's answer; ASYNC continues the route in the client's callback; ONEWAY sends without
     * any confirmation.
     */
    private SendMode sendMode = SendMode.SYNC;
    /**
     * The message keys (space separated), a constant or an expression such as ${header.id}.
     */
    private String keys;
    /**
     * The order key, an expression like keys: messages with one key go to one queue, in order.
     */
    private String orderKey;
    /**
     * The broker's delay level (1 to delay-level-count); 0 for no delay. Cannot be combined with delay.
     */
    private Integer delayLevel;
    /**
     * How many delay levels the broker has (its messageDelayLevel setting).
     */
    private Integer delayLevelCount = 18;
    /**
     * Deliver each message this long after it was sent (RocketMQ 5 timer message). Cannot be combined with
     * delay-level.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration delay;
    /**
     * How long a send waits for the broker before it fails.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration sendTimeout = Duration.ofMillis(3000);
    /**
     * How many times the client retries a failed send before the exchange fails.
     */
    private Integer retryTimesWhenSendFailed = 2;
    /**
     * Above 1: concurrent exchanges to one topic (and, with orderKey, one queue) are sent together as RocketMQ batches of up to this many messages (and maxMessageSize bytes); each exchange completes when its batch is acknowledged. 1 (the default) sends every exchange on its own.
     */
    private Integer batchSize = 1;
    /**
     * With batchSize above 1: how many milliseconds a message may wait for more to fill its batch; 0 (the default) sends what is queued as soon as a send slot is free.
     */
    private Long batchLingerMs = 0L;
    /**
     * Send each exchange as a transactional (half) message: consumers see it only once it is committed. The local transaction is the localTransaction endpoint or, without it, the rest of the exchange: committed when the exchange completes, rolled back when it fails; a CamelRocketMQTransactionState header of UNKNOWN leaves the decision to the transactionChecker. Needs sendMode=SYNC; no delay, batchSize or list bodies.
     */
    private Boolean transactional = false;
    /**
     * transactional only: the endpoint (for example direct:createOrder) that runs the local transaction with the exchange while the half message is pending: completes normally = COMMIT, fails = ROLLBACK (and the exchange fails), CamelRocketMQTransactionState header UNKNOWN or ROLLBACK = that state.
     */
    private String localTransaction;
    /**
     * transactional only: answers the broker's check-backs for undecided half messages: an endpoint (for example direct:checkOrder) that gets the half message with its headers and answers COMMIT, ROLLBACK or UNKNOWN in the body or the CamelRocketMQTransactionState header, or #beanName of a RocketMQTransactionChecker. A checker that fails answers UNKNOWN; without a checker every check-back is answered UNKNOWN.
     */
    private String transactionChecker;
    /**
     * The largest message (and batch) in bytes; it must not exceed the broker's maxMessageSize.
     */
    private Integer maxMessageSize = 4194304;
    /**
     * How long an InOut exchange waits for the reply (RocketMQ request-reply) before it fails.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration requestTimeout = Duration.ofMillis(10000);

    /**
     * The consumer group (required for consumers).
     */
    private String consumerGroup;
    /**
     * Subscribe with an SQL92 filter on message properties; the broker needs enablePropertyFilter=true.
     */
    private String sql;
    /**
     * CLUSTERING: the consumers of a group share the messages. BROADCASTING: each consumer gets every message.
     */
    private MessageModel messageModel = MessageModel.CLUSTERING;
    /**
     * CONCURRENTLY: several threads. ORDERLY: one thread per queue at a time, in queue order.
     */
    private ConsumeMode consumeMode = ConsumeMode.CONCURRENTLY;
    /**
     * How many times a failed message is redelivered before it goes to the dead-letter topic %DLQ%(group).
     */
    private Integer maxReconsumeTimes = 16;
    /**
     * ORDERLY only: how long a queue pauses after a failed exchange before its message is retried.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration suspendMillis = Duration.ofMillis(1000);
    /**
     * Up to this many messages per exchange; above 1 the body is a List.
     */
    private Integer consumeBatchSize = 1;
    /**
     * How many messages the client pulls from a queue at once.
     */
    private Integer pullBatchSize = 32;
    /**
     * The core size of the consumer's thread pool.
     */
    private Integer consumeThreadMin = 20;
    /**
     * The maximum size of the consumer's thread pool.
     */
    private Integer consumeThreadMax = 20;
    /**
     * CONCURRENTLY only: a message still being processed after this many minutes is sent back for redelivery.
     */
    private Long consumeTimeoutMinutes = 15L;
    /**
     * Where a group without a stored offset starts: LAST_OFFSET, FIRST_OFFSET or TIMESTAMP.
     */
    private ConsumeFromWhere consumeFromWhere = ConsumeFromWhere.LAST_OFFSET;
    /**
     * With consume-from-where=TIMESTAMP: the start time as yyyyMMddHHmmss.
     */
    private String consumeTimestamp;
    /**
     * BROADCASTING only: the directory where consumers keep their offsets.
     */
    private String offsetStoreDir;

    public String getNamesrvAddr() {
        return namesrvAddr;
    }

    public void setNamesrvAddr(String namesrvAddr) {
        this.namesrvAddr = namesrvAddr;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getTags() {
        return tags;
    }

    public void setTags(String tags) {
        this.tags = tags;
    }

    public Integer getHeartbeatBrokerInterval() {
        return heartbeatBrokerInterval;
    }

    public void setHeartbeatBrokerInterval(Integer heartbeatBrokerInterval) {
        this.heartbeatBrokerInterval = heartbeatBrokerInterval;
    }

    public Integer getPollNameServerInterval() {
        return pollNameServerInterval;
    }

    public void setPollNameServerInterval(Integer pollNameServerInterval) {
        this.pollNameServerInterval = pollNameServerInterval;
    }

    public Boolean getEnableTrace() {
        return enableTrace;
    }

    public void setEnableTrace(Boolean enableTrace) {
        this.enableTrace = enableTrace;
    }

    public HeaderFilterStrategy getHeaderFilterStrategy() {
        return headerFilterStrategy;
    }

    public void setHeaderFilterStrategy(HeaderFilterStrategy headerFilterStrategy) {
        this.headerFilterStrategy = headerFilterStrategy;
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

    public RocketMQConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(RocketMQConfiguration configuration) {
        this.configuration = configuration;
    }

    public Boolean getBridgeErrorHandler() {
        return bridgeErrorHandler;
    }

    public void setBridgeErrorHandler(Boolean bridgeErrorHandler) {
        this.bridgeErrorHandler = bridgeErrorHandler;
    }

    public Boolean getLazyStartProducer() {
        return lazyStartProducer;
    }

    public void setLazyStartProducer(Boolean lazyStartProducer) {
        this.lazyStartProducer = lazyStartProducer;
    }

    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
    }

    public String getProducerGroup() {
        return producerGroup;
    }

    public void setProducerGroup(String producerGroup) {
        this.producerGroup = producerGroup;
    }

    public SendMode getSendMode() {
        return sendMode;
    }

    public void setSendMode(SendMode sendMode) {
        this.sendMode = sendMode;
    }

    public String getKeys() {
        return keys;
    }

    public void setKeys(String keys) {
        this.keys = keys;
    }

    public String getOrderKey() {
        return orderKey;
    }

    public void setOrderKey(String orderKey) {
        this.orderKey = orderKey;
    }

    public Integer getDelayLevel() {
        return delayLevel;
    }

    public void setDelayLevel(Integer delayLevel) {
        this.delayLevel = delayLevel;
    }

    public Integer getDelayLevelCount() {
        return delayLevelCount;
    }

    public void setDelayLevelCount(Integer delayLevelCount) {
        this.delayLevelCount = delayLevelCount;
    }

    public Duration getDelay() {
        return delay;
    }

    public void setDelay(Duration delay) {
        this.delay = delay;
    }

    public Duration getSendTimeout() {
        return sendTimeout;
    }

    public void setSendTimeout(Duration sendTimeout) {
        this.sendTimeout = sendTimeout;
    }

    public Integer getRetryTimesWhenSendFailed() {
        return retryTimesWhenSendFailed;
    }

    public void setRetryTimesWhenSendFailed(Integer retryTimesWhenSendFailed) {
        this.retryTimesWhenSendFailed = retryTimesWhenSendFailed;
    }

    public Integer getMaxMessageSize() {
        return maxMessageSize;
    }

    public void setMaxMessageSize(Integer maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public String getConsumerGroup() {
        return consumerGroup;
    }

    public void setConsumerGroup(String consumerGroup) {
        this.consumerGroup = consumerGroup;
    }

    public String getSql() {
        return sql;
    }

    public void setSql(String sql) {
        this.sql = sql;
    }

    public MessageModel getMessageModel() {
        return messageModel;
    }

    public void setMessageModel(MessageModel messageModel) {
        this.messageModel = messageModel;
    }

    public ConsumeMode getConsumeMode() {
        return consumeMode;
    }

    public void setConsumeMode(ConsumeMode consumeMode) {
        this.consumeMode = consumeMode;
    }

    public Integer getMaxReconsumeTimes() {
        return maxReconsumeTimes;
    }

    public void setMaxReconsumeTimes(Integer maxReconsumeTimes) {
        this.maxReconsumeTimes = maxReconsumeTimes;
    }

    public Duration getSuspendMillis() {
        return suspendMillis;
    }

    public void setSuspendMillis(Duration suspendMillis) {
        this.suspendMillis = suspendMillis;
    }

    public Integer getConsumeBatchSize() {
        return consumeBatchSize;
    }

    public void setConsumeBatchSize(Integer consumeBatchSize) {
        this.consumeBatchSize = consumeBatchSize;
    }

    public Integer getPullBatchSize() {
        return pullBatchSize;
    }

    public void setPullBatchSize(Integer pullBatchSize) {
        this.pullBatchSize = pullBatchSize;
    }

    public Integer getConsumeThreadMin() {
        return consumeThreadMin;
    }

    public void setConsumeThreadMin(Integer consumeThreadMin) {
        this.consumeThreadMin = consumeThreadMin;
    }

    public Integer getConsumeThreadMax() {
        return consumeThreadMax;
    }

    public void setConsumeThreadMax(Integer consumeThreadMax) {
        this.consumeThreadMax = consumeThreadMax;
    }

    public Long getConsumeTimeoutMinutes() {
        return consumeTimeoutMinutes;
    }

    public void setConsumeTimeoutMinutes(Long consumeTimeoutMinutes) {
        this.consumeTimeoutMinutes = consumeTimeoutMinutes;
    }

    public ConsumeFromWhere getConsumeFromWhere() {
        return consumeFromWhere;
    }

    public void setConsumeFromWhere(ConsumeFromWhere consumeFromWhere) {
        this.consumeFromWhere = consumeFromWhere;
    }

    public String getConsumeTimestamp() {
        return consumeTimestamp;
    }

    public void setConsumeTimestamp(String consumeTimestamp) {
        this.consumeTimestamp = consumeTimestamp;
    }

    public String getOffsetStoreDir() {
        return offsetStoreDir;
    }

    public void setOffsetStoreDir(String offsetStoreDir) {
        this.offsetStoreDir = offsetStoreDir;
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    public Long getBatchLingerMs() {
        return batchLingerMs;
    }

    public void setBatchLingerMs(Long batchLingerMs) {
        this.batchLingerMs = batchLingerMs;
    }

    public Boolean getTransactional() {
        return transactional;
    }

    public void setTransactional(Boolean transactional) {
        this.transactional = transactional;
    }

    public String getLocalTransaction() {
        return localTransaction;
    }

    public void setLocalTransaction(String localTransaction) {
        this.localTransaction = localTransaction;
    }

    public String getTransactionChecker() {
        return transactionChecker;
    }

    public void setTransactionChecker(String transactionChecker) {
        this.transactionChecker = transactionChecker;
    }
}
