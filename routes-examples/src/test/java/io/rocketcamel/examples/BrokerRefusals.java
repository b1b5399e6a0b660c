package io.rocketcamel.examples;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.rocketmq.broker.mqtrace.SendMessageContext;
import org.apache.rocketmq.broker.mqtrace.SendMessageHook;
import org.apache.rocketmq.common.AbortProcessException;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.remoting.protocol.ResponseCode;

/**
 * The embedded broker refusing chosen sends with SYSTEM_ERROR, as a broker in trouble answers: the producer sees a
 * failed send (after its own retries, for sends it may retry) and nothing is stored. One hook on every broker of the
 * test run, armed by one test at a time.
 */
final class BrokerRefusals implements SendMessageHook {

    private static BrokerRefusals installed;

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();

    private record Rule(AtomicInteger left, Predicate<Send> matching) {
    }

    /** A send as the broker received it: its topic and message properties (tags, keys, user properties). */
    record Send(String topic, Map<String, String> properties) {

        String tags() {
            return properties.get(MessageConst.PROPERTY_TAGS);
        }

        String keys() {
            return properties.get(MessageConst.PROPERTY_KEYS);
        }

        String property(String name) {
            return properties.get(name);
        }
    }

    static synchronized BrokerRefusals on(EmbeddedRocketMQBroker broker) {
        if (installed == null) {
            installed = new BrokerRefusals();
            broker.getBrokerNames().forEach(name -> broker.getBrokerController(name).registerSendMessageHook(installed));
        }
        return installed;
    }

    /** Refuses the next {@code times} sends that match, then lets them through again; rules add up. */
    void refuse(int times, Predicate<Send> matching) {
        rules.add(new Rule(new AtomicInteger(times), matching));
    }

    void clear() {
        rules.clear();
        refused.set(0);
    }

    int refused() {
        return refused.get();
    }

    @Override
    public String hookName() {
        return "test-refusals";
    }

    @Override
    public void sendMessageBefore(SendMessageContext context) {
        if (rules.isEmpty()) {
            return;
        }
        Send send = new Send(context.getTopic(), MessageDecoder.string2messageProperties(context.getMsgProps()));
        for (Rule rule : rules) {
            if (rule.left().get() > 0 && rule.matching().test(send) && rule.left().getAndDecrement() > 0) {
                refused.incrementAndGet();
                throw new AbortProcessException(ResponseCode.SYSTEM_ERROR, "refused by the test (broker in trouble)");
            }
        }
    }

    @Override
    public void sendMessageAfter(SendMessageContext context) {
    }
}
