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
     * RocketMQ's system properties, and the message group, which CamelRocketMQMessageGroup carries; compared exactly,
     * as RocketMQ reserves them (compared ignoring case, a user header named cluster, delay or keys was dropped).
     * Looked up, not walked: Camel walks its filter set name by name for every header, which for these 50 names was
     * most of the cost of turning an exchange into a message.
     */
    private static final Set<String> SYSTEM_PROPERTIES = Stream.concat(MessageConst.STRING_HASH_SET.stream(),
            Stream.of(MessageConst.PROPERTY_SHARDING_KEY)).collect(Collectors.toUnmodifiableSet());

    public RocketMQHeaderFilterStrategy() {
        setOutFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
        setInFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
    }

    @Override
    protected boolean extendedFilter(Direction direction, String name, Object value, Exchange exchange) {
        return isSystemProperty(name);
    }

    /** Whether RocketMQ reserves the name for one of its own message properties. */
    public static boolean isSystemProperty(String name) {
        return SYSTEM_PROPERTIES.contains(name);
    }
}
