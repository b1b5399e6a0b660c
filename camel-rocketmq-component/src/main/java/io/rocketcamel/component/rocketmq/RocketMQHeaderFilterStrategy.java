package io.rocketcamel.component.rocketmq;

import org.apache.camel.support.DefaultHeaderFilterStrategy;
import org.apache.rocketmq.common.message.MessageConst;

/**
 * Keeps Camel's own headers out of messages and RocketMQ's system properties (tags, keys, ids, delay, ...) out of the
 * user headers: those travel in the component's {@code CamelRocketMQ...} headers instead.
 */
public class RocketMQHeaderFilterStrategy extends DefaultHeaderFilterStrategy {

    public RocketMQHeaderFilterStrategy() {
        setOutFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
        setInFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
        setOutFilter(MessageConst.STRING_HASH_SET);
        setInFilter(MessageConst.STRING_HASH_SET);
    }
}
