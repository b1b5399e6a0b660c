package io.rocketcamel.component.rocketmq;

import java.io.StringReader;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.rocketcamel.component.rocketmq.internal.NamesrvAddresses;
import io.rocketcamel.component.rocketmq.internal.OptionExpression;
import io.rocketcamel.component.rocketmq.internal.TimerLimits;
import io.rocketcamel.component.rocketmq.internal.TopicNames;
import org.apache.rocketmq.filter.constant.UnaryType;
import org.apache.rocketmq.filter.expression.BinaryExpression;
import org.apache.rocketmq.filter.expression.BooleanExpression;
import org.apache.rocketmq.filter.expression.Expression;
import org.apache.rocketmq.filter.expression.MQFilterException;
import org.apache.rocketmq.filter.expression.UnaryExpression;
import org.apache.rocketmq.filter.parser.ParseException;
import org.apache.rocketmq.filter.parser.SelectorParser;
import org.apache.rocketmq.filter.parser.SelectorParserConstants;
import org.apache.rocketmq.filter.parser.Token;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rejects option values and combinations that RocketMQ would refuse or silently misread, with the option, the value
 * and what is allowed.
 */
final class OptionValidator {

    /** The broker's default {@code messageDelayLevel}, named in errors when the level count is the default one. */
    private static final String[] DEFAULT_DELAY_LEVELS = "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h"
            .split(" ");
    private static final DateTimeFormatter CONSUME_TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final Logger LOG = LoggerFactory.getLogger(OptionValidator.class);

    private OptionValidator() {
    }

    static void validate(RocketMQConfiguration c) {
        checkDelayLevel(c);
        if (c.getDelay() < 0) {
            throw new IllegalArgumentException("Option delay=" + c.getDelay() + "ms is negative: use a positive duration");
        }
        withinMillis("maxDelay", c.getMaxDelay(), 1, Long.MAX_VALUE);
        if (c.getDelay() > c.getMaxDelay()) {
            throw new IllegalArgumentException("Option delay=" + c.getDelay() + "ms (" + Duration.ofMillis(c.getDelay())
                                               + ") is longer than maxDelay=" + c.getMaxDelay() + "ms ("
                                               + Duration.ofMillis(c.getMaxDelay()) + "): the brokers refuse a timer"
                                               + " message due later than their timerMaxDelaySec ("
                                               + TimerLimits.DEFAULT_TIMER_MAX_DELAY.toDays() + " days by default),"
                                               + " every send would fail; for a cluster whose brokers are configured"
                                               + " with a higher timerMaxDelaySec, set maxDelay to it");
        }
        if (c.getDelay() > 0 && c.getDelayLevel() > 0) {
            throw new IllegalArgumentException(
                    "Options delay and delayLevel cannot be used together (delay=" + c.getDelay() + "ms asks for timer"
                                               + " delivery, delayLevel=" + c.getDelayLevel()
                                               + " for a broker delay level): set only one");
        }
        checkOneSubscription(c.getTags(), c.getSql());
        if (c.getSql() != null) {
            checkSql(c.getSql());
        }
        checkWildcardAlone(c.getTags());
        if (c.getConsumeMode() == ConsumeMode.ORDERLY && c.getMessageModel() == MessageModel.BROADCASTING) {
            throw new IllegalArgumentException(
                    "consumeMode=ORDERLY cannot be used with messageModel=BROADCASTING: RocketMQ consumes orderly only in"
                                               + " CLUSTERING mode");
        }
        if (c.getConsumeMode() == ConsumeMode.POP && c.getMessageModel() == MessageModel.BROADCASTING) {
            throw new IllegalArgumentException(
                    "consumeMode=POP cannot be used with messageModel=BROADCASTING: POP shares a group's messages among"
                                               + " its consumers, BROADCASTING gives each consumer all of them; use"
                                               + " consumeMode=CONCURRENTLY to broadcast");
        }
        if (c.getMessageGroup() != null && c.getOrderKey() != null) {
            throw new IllegalArgumentException("Options messageGroup and orderKey cannot be used together (messageGroup="
                                               + c.getMessageGroup() + ", orderKey=" + c.getOrderKey() + "): both choose"
                                               + " the queue, messageGroup as RocketMQ 5 SDKs do, orderKey by CRC32;"
                                               + " set only one");
        }
        if ((c.getAccessKey() == null) != (c.getSecretKey() == null)) {
            throw new IllegalArgumentException("Options accessKey and secretKey must be set together (ACL), only "
                                               + (c.getAccessKey() == null ? "secretKey" : "accessKey") + " is set");
        }
        // the client's own limits, checked here so a bad value fails when the endpoint is created, not at route start
        within("consumeBatchSize", c.getConsumeBatchSize(), 1, 1024);
        within("pullBatchSize", c.getPullBatchSize(), 1, 1024);
        within("consumeThreadMin", c.getConsumeThreadMin(), 1, 1000);
        if (c.getConsumeThreadMax() < c.getConsumeThreadMin()) {
            // named together: an application that raised consumeThreadMin alone was told only of consumeThreadMax
            throw new IllegalArgumentException("Option consumeThreadMax=" + c.getConsumeThreadMax() + " is below"
                                               + " consumeThreadMin=" + c.getConsumeThreadMin() + ": the client's"
                                               + " consume pool needs consumeThreadMax at least consumeThreadMin; raise"
                                               + " consumeThreadMax with it");
        }
        within("consumeThreadMax", c.getConsumeThreadMax(), 1, 1000);
        // the client clamps a queue's suspension to this range
        withinMillis("suspendTime", c.getSuspendTime(), 10, 30_000);
        // the client counts it in whole minutes, and 0 would send every message back at once
        withinMillis("consumeTimeout", c.getConsumeTimeout(), TimeUnit.MINUTES.toMillis(1), Long.MAX_VALUE);
        checkWholeMinutes(c.getConsumeTimeout());
        within("maxReconsumeTimes", c.getMaxReconsumeTimes(), 0, Integer.MAX_VALUE);
        within("maxMessageSize", c.getMaxMessageSize(), 1, Integer.MAX_VALUE);
        // the client sends 1 + this many times: -1 never sends, less fails every send with NegativeArraySizeException
        within("retryTimesWhenSendFailed", c.getRetryTimesWhenSendFailed(), 0, Integer.MAX_VALUE);
        NamesrvAddresses.check(c.getNamesrvAddr());
        withinMillis("heartbeatBrokerInterval", c.getHeartbeatBrokerInterval(), 1, Integer.MAX_VALUE);
        withinMillis("pollNameServerInterval", c.getPollNameServerInterval(), 1, Integer.MAX_VALUE);
        withinMillis("sendTimeout", c.getSendTimeout(), 1, Integer.MAX_VALUE);
        withinMillis("sendAttemptTimeout", c.getSendAttemptTimeout(), 0, Integer.MAX_VALUE);
        if (c.getSendAttemptTimeout() >= c.getSendTimeout()) {
            throw new IllegalArgumentException("Option sendAttemptTimeout=" + c.getSendAttemptTimeout() + "ms must be"
                                               + " below sendTimeout=" + c.getSendTimeout() + "ms, or 0 to share"
                                               + " sendTimeout among the attempts: an attempt as long as the whole"
                                               + " send leaves no time for another broker");
        }
        // the client adds it to the request's start: near Long.MAX_VALUE that overflows, and its scan fails the send
        withinMillis("requestTimeout", c.getRequestTimeout(), 1, Integer.MAX_VALUE);
        within("sendBufferBytes", c.getSendBufferBytes(), 1, Long.MAX_VALUE);
        withinMillis("popInvisibleTime", c.getPopInvisibleTime(), 5_000, 300_000);
        within("popBatchSize", c.getPopBatchSize(), 1, 32);
        // also read by a plain endpoint's client (it answers its group's check-backs): not refused without
        // transactional
        within("transactionCheckThreads", c.getTransactionCheckThreads(), 1, 1000);
        checkManualAck(c);
        checkTransferException(c);
        checkTracing(c);
        checkConsumeTimestamp(c);
        checkTransactional(c);
        checkBatching(c);
    }

    /**
     * Consumer-only checks, run when a route starts a consumer (a producer endpoint needs no group).
     */
    static void validateConsumer(RocketMQConfiguration c, String uri) {
        if (c.getConsumerGroup() == null || c.getConsumerGroup().isBlank()) {
            throw new IllegalArgumentException(
                    "Option consumerGroup is required to consume from " + uri + ": set consumerGroup=<group name>");
        }
        String tags = MigrationAliases.subscriptionTags(c);
        if (OptionExpression.isExpression(tags)) {
            throw new IllegalArgumentException("Option tags=" + tags + " is an expression, which a producer evaluates"
                                               + " per exchange, but a consumer subscribes once, when it starts: give"
                                               + " the consumer its tags (ERROR,WARN), or filter by a property with"
                                               + " sql");
        }
    }

    /**
     * Options a consumer of another mode never reads, set on the endpoint: warned rather than refused, as the route
     * runs as it would without them. The component's are not named: they are the defaults of endpoints of every mode,
     * for those that read them (a component's offsetStoreDir is for its BROADCASTING consumers).
     */
    static void warnIgnoredConsumerOptions(OptionLevels levels, String uri) {
        RocketMQConfiguration c = levels.endpoint();
        boolean pop = c.getConsumeMode() == ConsumeMode.POP;
        if (levels.onEndpoint(RocketMQConfiguration::getConsumeTimestamp, "consumeTimestamp")
            && c.getConsumeTimestamp() != null && c.getConsumeFromWhere() != ConsumeFromWhere.TIMESTAMP) {
            ignored(uri, "consumeTimestamp=" + c.getConsumeTimestamp(), "consumeFromWhere=TIMESTAMP");
        }
        if (levels.onEndpoint(RocketMQConfiguration::getRetryDelayLevel, "retryDelayLevel") && !pop
            && (c.getConsumeMode() == ConsumeMode.ORDERLY || c.getMessageModel() == MessageModel.BROADCASTING)) {
            ignored(uri, "retryDelayLevel=" + c.getRetryDelayLevel(), "consumeMode=CONCURRENTLY and"
                    + " messageModel=CLUSTERING, or consumeMode=POP (ORDERLY and BROADCASTING"
                    + " wait suspendTime)");
        }
        if (!pop && levels.onEndpoint(RocketMQConfiguration::getPopInvisibleTime, "popInvisibleTime")) {
            ignored(uri, "popInvisibleTime=" + c.getPopInvisibleTime() + "ms", "consumeMode=POP");
        }
        if (!pop && levels.onEndpoint(RocketMQConfiguration::getPopBatchSize, "popBatchSize")) {
            ignored(uri, "popBatchSize=" + c.getPopBatchSize(), "consumeMode=POP");
        }
        if (!c.isManualAck() && levels.onEndpoint(RocketMQConfiguration::getManualAckTimeout, "manualAckTimeout")) {
            ignored(uri, "manualAckTimeout=" + c.getManualAckTimeout() + "ms", "manualAck=true");
        }
        if (pop && levels.onEndpoint(RocketMQConfiguration::getPullBatchSize, "pullBatchSize")) {
            ignored(uri, "pullBatchSize=" + c.getPullBatchSize(), "consumeMode CONCURRENTLY or ORDERLY (POP takes popBatchSize)");
        }
        // the client's pools (ConsumeMessage*Service) queue without bound: a ThreadPoolExecutor then never grows
        // past its core size, consumeThreadMin; on any level, a maximum above it is without effect
        RocketMQConfiguration defaults = new RocketMQConfiguration();
        if (c.getConsumeThreadMax() != defaults.getConsumeThreadMax() && c.getConsumeThreadMax() > c.getConsumeThreadMin()) {
            LOG.warn("Option consumeThreadMax={} of {} has no effect beyond consumeThreadMin={}: the RocketMQ client's"
                     + " consumer pool never grows past consumeThreadMin threads; set consumeThreadMin={} for that"
                     + " many", c.getConsumeThreadMax(), uri, c.getConsumeThreadMin(), c.getConsumeThreadMax());
        }
        if (c.getOffsetStoreDir() != null && c.getMessageModel() != MessageModel.BROADCASTING
            && levels.onEndpoint(RocketMQConfiguration::getOffsetStoreDir, "offsetStoreDir")) {
            ignored(uri, "offsetStoreDir=" + c.getOffsetStoreDir(), "messageModel=BROADCASTING (CLUSTERING offsets are"
                    + " kept by the brokers)");
        }
    }

    /**
     * The failure is the reply only where the consumer decides the outcome of one request per exchange: a route with
     * manualAck decides it itself, and a batch's exchange answers each request of it with its own element.
     */
    private static void checkTransferException(RocketMQConfiguration c) {
        if (!c.isTransferException()) {
            return;
        }
        if (c.isManualAck()) {
            throw new IllegalArgumentException("Option transferException=true cannot be used with manualAck=true: the"
                                               + " route decides a request's outcome itself (reply by completing,"
                                               + " retryLater to have it redelivered)");
        }
        if (c.getConsumeBatchSize() > 1) {
            throw new IllegalArgumentException("Option transferException=true cannot be used with consumeBatchSize="
                                               + c.getConsumeBatchSize() + ": an exchange of several messages has no"
                                               + " one request whose reply its failure would be; use"
                                               + " consumeBatchSize=1");
        }
    }

    /** Options a producer of this configuration never reads, set on the endpoint: warned, as above. */
    static void warnIgnoredProducerOptions(OptionLevels levels, String uri) {
        RocketMQConfiguration c = levels.endpoint();
        if (c.getBatchSize() == 1
            && levels.onEndpoint(RocketMQConfiguration::getBatchLinger, "batchLinger", "batchLingerMs")) {
            ignored(uri, "batchLinger=" + c.getBatchLinger() + "ms", "batchSize above 1");
        }
        if (c.getSendMode() == SendMode.ONEWAY
            && levels.onEndpoint(RocketMQConfiguration::isRequireSendOk, "requireSendOk")) {
            ignored(uri, "requireSendOk=" + c.isRequireSendOk(), "sendMode SYNC or ASYNC (a one-way send gets no"
                    + " answer to check)");
        }
        if (c.getSendMode() == SendMode.ONEWAY && (c.getOrderKey() != null || c.getMessageGroup() != null)) {
            // unanswered sends go out back to back, and a broker stores one connection's requests on several threads
            LOG.warn("Option {} of {} chooses each key's queue but keeps no order with sendMode=ONEWAY: one-way sends"
                     + " are not waited for, and the broker may store them out of order; use sendMode=SYNC or ASYNC"
                     + " for per-key order", c.getOrderKey() != null ? "orderKey=" + c.getOrderKey()
                    : "messageGroup=" + c.getMessageGroup(), uri);
        }
    }

    private static void ignored(String uri, String option, String readWith) {
        LOG.warn("Option {} of {} has no effect: it is read only with {}", option, uri, readWith);
    }

    /** An endpoint's topic; a toD endpoint's is a template, checked per exchange once resolved. */
    static void validateTopic(String topic, String namespace) {
        if (!isTemplate(topic)) {
            TopicNames.check(topic, namespace, "Topic ");
        }
    }

    private static boolean isTemplate(String topic) {
        return topic.contains("${") || topic.contains("$simple{");
    }

    /** A producing endpoint's topic, which may not be one of RocketMQ's own; a toD's is checked once resolved. */
    static void validateProducerTopic(String topic, String namespace) {
        String refusal = isTemplate(topic) ? null : TopicNames.sendRefusal(topic, namespace, "Topic ");
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
    }

    private static void checkDelayLevel(RocketMQConfiguration c) {
        int count = c.getDelayLevelCount();
        within("delayLevelCount", count, 1, Integer.MAX_VALUE);
        if (c.getDelayLevel() < 0 || c.getDelayLevel() > count) {
            throw new IllegalArgumentException(
                    "Option delayLevel=" + c.getDelayLevel() + " is out of range: valid levels are " + validLevels(count)
                                               + ", or 0 for no delay");
        }
    }

    private static String validLevels(int count) {
        if (count == DEFAULT_DELAY_LEVELS.length) {
            return IntStream.rangeClosed(1, count).mapToObj(l -> l + " (" + DEFAULT_DELAY_LEVELS[l - 1] + ")")
                    .collect(Collectors.joining(", ")) + " with the broker's default messageDelayLevel";
        }
        return "1 to " + count + " (delayLevelCount=" + count + ")";
    }

    private static void checkManualAck(RocketMQConfiguration c) {
        within("retryDelayLevel", c.getRetryDelayLevel(), 0, c.highestRetryDelayLevel());
        if (!c.isManualAck()) {
            return;
        }
        // a message held longer is sent back (consumeTimeout) or popped by another consumer (popInvisibleTime) while
        // the route still decides
        withinMillis("manualAckTimeout", c.getManualAckTimeout(), 1, c.getConsumeTimeout() - 1);
        if (c.getConsumeMode() == ConsumeMode.POP && c.getManualAckTimeout() >= c.getPopInvisibleTime()) {
            throw new IllegalArgumentException("Option manualAckTimeout=" + c.getManualAckTimeout() + "ms must be shorter"
                                               + " than popInvisibleTime=" + c.getPopInvisibleTime() + "ms: a popped"
                                               + " message becomes visible to other consumers while the route still"
                                               + " decides");
        }
    }

    /**
     * The client takes consumeTimeout in minutes (DefaultMQPushConsumer#setConsumeTimeout) and the rest would be cut
     * off: 90s sent a message back after 1 min, while manualAckTimeout was checked against 90 s, so a route could still
     * be deciding about a message already redelivered. Refused rather than rounded: the value set is the value used.
     */
    private static void checkWholeMinutes(long consumeTimeout) {
        long minute = TimeUnit.MINUTES.toMillis(1);
        if (consumeTimeout % minute != 0) {
            long below = consumeTimeout / minute;
            throw new IllegalArgumentException("Option consumeTimeout=" + consumeTimeout + "ms is not a whole number of"
                                               + " minutes: the RocketMQ client counts it in minutes and would send a"
                                               + " message back after " + below + " min; use whole minutes, for"
                                               + " example consumeTimeout=" + below + "m or " + (below + 1) + "m");
        }
    }

    private static void checkTracing(RocketMQConfiguration c) {
        if (c.getTraceTopic() == null) {
            return;
        }
        if (!c.isEnableTrace()) {
            throw new IllegalArgumentException("Option traceTopic=" + c.getTraceTopic() + " needs enableTrace=true");
        }
        if (c.getAccessChannel() == AccessChannel.CLOUD) {
            throw new IllegalArgumentException("Option traceTopic=" + c.getTraceTopic() + " is not used with"
                                               + " accessChannel=CLOUD, where the client traces to its region's topic:"
                                               + " remove one of them");
        }
    }

    @SuppressWarnings("deprecation") // replyToTopic, Apache camel-rocketmq's request-reply
    private static void checkTransactional(RocketMQConfiguration c) {
        if (!c.isTransactional()) {
            onlyWhenTransactional("localTransaction", c.getLocalTransaction());
            onlyWhenTransactional("transactionChecker", c.getTransactionChecker());
            return;
        }
        if (c.getSendMode() != SendMode.SYNC) {
            throw new IllegalArgumentException("Option transactional=true cannot be used with sendMode=" + c.getSendMode()
                                               + ": the half message must be stored before the local transaction runs,"
                                               + " so transactional sends need sendMode=SYNC (the default)");
        }
        if (c.getBatchSize() > 1) {
            throw new IllegalArgumentException("Option transactional=true cannot be used with batchSize=" + c.getBatchSize()
                                               + ": RocketMQ has no transactional batches; use batchSize=1 (the default)");
        }
        if (c.getDelay() > 0 || c.getDelayLevel() > 0) {
            throw new IllegalArgumentException("Option transactional=true cannot be used with delay or delayLevel"
                                               + " (delay=" + c.getDelay() + "ms, delayLevel=" + c.getDelayLevel()
                                               + "): RocketMQ does not delay transactional messages");
        }
        if (!c.isRequireSendOk()) {
            throw new IllegalArgumentException("Option requireSendOk=false cannot be used with transactional=true: the"
                                               + " client rolls back a half message the broker stored with any status"
                                               + " but SEND_OK, before the local transaction runs, so the exchange fails"
                                               + " whatever requireSendOk says. Set requireSendOk=true on this endpoint"
                                               + " (a component-wide false may stay)");
        }
        if (c.getReplyToTopic() != null) {
            // an InOut exchange's transactional send completes once the half message is decided, with no reply
            throw new IllegalArgumentException("Option transactional=true cannot be used with replyToTopic="
                                               + c.getReplyToTopic() + ": a transactional send is one half message,"
                                               + " which gets no reply; send the request from a route of its own");
        }
    }

    private static void onlyWhenTransactional(String option, String value) {
        if (value != null) {
            throw new IllegalArgumentException("Option " + option + "=" + value + " is only used with transactional=true:"
                                               + " set transactional=true or remove " + option);
        }
    }

    private static void checkBatching(RocketMQConfiguration c) {
        within("batchSize", c.getBatchSize(), 1, Integer.MAX_VALUE);
        withinMillis("batchLinger", c.getBatchLinger(), 0, Integer.MAX_VALUE);
        if (c.getBatchSize() == 1) {
            return;
        }
        if (c.getSendMode() == SendMode.ONEWAY) {
            throw new IllegalArgumentException("Option batchSize=" + c.getBatchSize() + " cannot be used with"
                                               + " sendMode=ONEWAY: batched exchanges complete when their batch is"
                                               + " acknowledged; use sendMode=SYNC or ASYNC, or batchSize=1");
        }
        if (c.getDelay() > 0 || c.getDelayLevel() > 0) {
            throw new IllegalArgumentException("Option batchSize=" + c.getBatchSize() + " cannot be used with delay or"
                                               + " delayLevel (delay=" + c.getDelay() + "ms, delayLevel="
                                               + c.getDelayLevel() + "): RocketMQ batches cannot be delayed");
        }
    }

    private static void checkConsumeTimestamp(RocketMQConfiguration c) {
        if (c.getConsumeTimestamp() == null) {
            return;
        }
        try {
            LocalDateTime.parse(c.getConsumeTimestamp(), CONSUME_TIMESTAMP);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "Option consumeTimestamp=" + c.getConsumeTimestamp() + " is not a time as yyyyMMddHHmmss"
                                               + " (for example 20250131235959)");
        }
    }

    /** A duration option: the error names it in milliseconds, as Camel has converted it. */
    private static void withinMillis(String option, long millis, long min, long max) {
        if (millis < min) {
            throw new IllegalArgumentException("Option " + option + "=" + millis + "ms is too short: it must be at least "
                                               + min + "ms");
        }
        if (millis > max) {
            throw new IllegalArgumentException("Option " + option + "=" + millis + "ms is too long: it must be at most "
                                               + max + "ms");
        }
    }

    private static void within(String option, long value, long min, long max) {
        if (value < min) {
            throw new IllegalArgumentException("Option " + option + "=" + value + " is too small: it must be at least " + min);
        }
        if (value > max) {
            throw new IllegalArgumentException("Option " + option + "=" + value + " is too large: it must be at most " + max);
        }
    }

    /** A consumer subscribes either by tags or by an SQL92 filter. */
    static void checkOneSubscription(String tags, String sql) {
        if (tags != null && sql != null) {
            throw new IllegalArgumentException(
                    "Options tags and sql cannot be used together: a consumer subscribes either by tags (tags="
                                               + tags + ") or by an SQL92 filter (sql=" + sql + ")");
        }
    }

    /**
     * The broker parses the filter only when the consumer starts, and its answer names neither the option nor the
     * value; the broker's own parser, run here, fails the endpoint instead.
     */
    private static void checkSql(String sql) {
        BooleanExpression filter;
        try {
            filter = SelectorParser.parse(sql);
        } catch (MQFilterException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw notSql(sql, cause.getMessage().lines().findFirst().orElse(""), e);
        }
        // the parser stops at the first token it cannot use, and the broker, which parses the same way, filters by
        // what it read: LIKE left a bare property that matches no message, a missing AND dropped the rest
        Token unread;
        try {
            SelectorParser whole = new SelectorParser(new StringReader(sql));
            whole.JmsSelector();
            unread = whole.getNextToken();
        } catch (ParseException e) {
            throw notSql(sql, e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (unread.kind != SelectorParserConstants.EOF) {
            throw notSql(sql, "RocketMQ would read it only up to '" + unread.image + "' at line " + unread.beginLine
                              + ", column " + unread.beginColumn + ", and filter by that part alone", null);
        }
        String property = propertyAsCondition(filter);
        if (property != null) {
            throw notSql(sql, "property " + property + " stands alone as a condition, which holds only for a Boolean"
                              + " property, and message properties are text, so it holds for no message: compare it, as"
                              + " in " + property + " = TRUE", null);
        }
    }

    /** @return the first property the filter uses as a condition by itself (the parser's cast), or null */
    private static String propertyAsCondition(Expression expression) {
        if (expression instanceof UnaryExpression unary) {
            return unary.getUnaryType() == UnaryType.BOOLEANCAST ? unary.getRight().toString()
                    : propertyAsCondition(unary.getRight());
        }
        if (expression instanceof BinaryExpression binary) {
            String left = propertyAsCondition(binary.getLeft());
            return left != null ? left : propertyAsCondition(binary.getRight());
        }
        return null;
    }

    private static IllegalArgumentException notSql(String sql, String why, Exception cause) {
        return new IllegalArgumentException("Option sql=" + sql + " is not a valid SQL92 filter: " + why
                                            + " (RocketMQ's SQL92 subset: comparisons, BETWEEN, IN, IS NULL,"
                                            + " CONTAINS, STARTSWITH, ENDSWITH, AND, OR, NOT on message properties)",
                cause);
    }

    /** RocketMQ reads '*' as every tag only alone; among tags, client and broker take it for one more tag. */
    private static void checkWildcardAlone(String tags) {
        if (tags == null) {
            return;
        }
        List<String> each = Arrays.stream(tags.replace("||", ",").split(",")).map(String::trim)
                .filter(tag -> !tag.isEmpty()).toList();
        if (each.size() > 1 && each.contains("*")) {
            throw new IllegalArgumentException("Option tags=" + tags + " mixes '*' with tags: RocketMQ reads '*' as"
                                               + " every tag only alone, so this would subscribe to the other tags"
                                               + " only; set tags=* (or leave it unset) for every tag, or list the"
                                               + " tags");
        }
    }
}
