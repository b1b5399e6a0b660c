package io.rocketcamel.component.rocketmq;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.support.DefaultHeaderFilterStrategy;
import org.apache.rocketmq.common.message.MessageConst;

/**
 * Keeps Camel's own headers out of messages and RocketMQ's system properties (tags, keys, ids, delay, ...) out of the
 * user headers: those travel in the component's {@code CamelRocketMQ...} headers instead.
 */
public class RocketMQHeaderFilterStrategy extends DefaultHeaderFilterStrategy {

    /** RocketMQ's system properties, and the message group, which CamelRocketMQMessageGroup carries. */
    private static final Set<String> SYSTEM_PROPERTIES = Stream.concat(MessageConst.STRING_HASH_SET.stream(),
            Stream.of(MessageConst.PROPERTY_SHARDING_KEY)).collect(Collectors.toUnmodifiableSet());

    public RocketMQHeaderFilterStrategy() {
        setOutFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
        setInFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
        // copies: a user adding names through getOutFilter() must not change RocketMQ's own set
        setOutFilter(new HashSet<>(SYSTEM_PROPERTIES));
        setInFilter(new HashSet<>(SYSTEM_PROPERTIES));
    }
}
