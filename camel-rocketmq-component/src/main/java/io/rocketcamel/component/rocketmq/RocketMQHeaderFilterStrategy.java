package io.rocketcamel.component.rocketmq;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultHeaderFilterStrategy;
import org.apache.rocketmq.common.message.MessageConst;

/**
 * Keeps Camel's own headers out of messages and RocketMQ's system properties (tags, keys, ids, delay, ...) out of the
 * user headers: those travel in the component's {@code CamelRocketMQ...} headers instead. Names added through
 * {@link #getOutFilter()} or {@link #getInFilter()} are filtered as Camel's strategy filters them.
 */
public class RocketMQHeaderFilterStrategy extends DefaultHeaderFilterStrategy {

    /**
     * RocketMQ's system properties, the message group (which CamelRocketMQMessageGroup carries) and the properties
     * the broker writes for its own bookkeeping outside that set (a transaction's check count and ids, batch and
     * dispatch counters, timer and proxy markers); compared exactly, as RocketMQ reserves them (compared ignoring
     * case, a user header named cluster, delay or keys was dropped). A bookkeeping property taken into a header and
     * sent on was read again by the broker: a message committed at its 15th check-back, forwarded into another
     * transaction, made that one's half message discarded at its first check. Looked up, not walked: Camel walks its
     * filter set name by name for every header, which for these names was most of the cost of turning an exchange
     * into a message.
     */
    private static final Set<String> SYSTEM_PROPERTIES = Stream.of(MessageConst.STRING_HASH_SET.stream(),
            Stream.of(MessageConst.PROPERTY_SHARDING_KEY, MessageConst.PROPERTY_TRANSACTION_CHECK_TIMES,
                      MessageConst.PROPERTY_TRANSACTION_ID, MessageConst.PROPERTY_TRANS_OFFSET, MessageConst.PROPERTY_INNER_NUM,
                      MessageConst.PROPERTY_INNER_BASE, MessageConst.PROPERTY_INNER_MULTI_DISPATCH,
                      MessageConst.PROPERTY_FORWARD_QUEUE_ID, MessageConst.PROPERTY_REDIRECT,
                      MessageConst.PROPERTY_TRACE_CONTEXT, MessageConst.PROPERTY_TIMER_ROLL_LABEL))
            .flatMap(names -> names).collect(Collectors.toUnmodifiableSet());

    /**
     * A transactional send may set how long the broker waits before its first check-back; a consumed message's value
     * was its own transaction's and is not taken into the headers, so a forward does not inherit it.
     */
    private static final String SENDER_ONLY_PROPERTY = MessageConst.PROPERTY_CHECK_IMMUNITY_TIME_IN_SECONDS;

    public RocketMQHeaderFilterStrategy() {
        setOutFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
        setInFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
    }

    @Override
    protected boolean extendedFilter(Direction direction, String name, Object value, Exchange exchange) {
        return isSystemProperty(name) || direction == Direction.IN && name.equals(SENDER_ONLY_PROPERTY);
    }

    /** Whether RocketMQ reserves the name for one of its own message properties. */
    public static boolean isSystemProperty(String name) {
        return SYSTEM_PROPERTIES.contains(name) || name.startsWith(MessageConst.PROPERTY_TRANSIENT_PREFIX);
    }
}
