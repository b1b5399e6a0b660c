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
 * test run. Each refusal counts and ends on its own: a test reads the count of its own refusal, and closing it
 * leaves any other in place.
 */
final class BrokerRefusals implements SendMessageHook {

    private static BrokerRefusals installed;

    private final List<Refusal> refusals = new CopyOnWriteArrayList<>();

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

    /** Sends refused while open, up to a number; closing it lets every send through again. */
    final class Refusal implements AutoCloseable {

        private final AtomicInteger left;
        private final Predicate<Send> matching;
        private final AtomicInteger refused = new AtomicInteger();

        private Refusal(int times, Predicate<Send> matching) {
            this.left = new AtomicInteger(times);
            this.matching = matching;
        }

        private boolean refuses(Send send) {
            if (left.get() > 0 && matching.test(send) && left.getAndDecrement() > 0) {
                refused.incrementAndGet();
                return true;
            }
            return false;
        }

        int refused() {
            return refused.get();
        }

        @Override
        public void close() {
            refusals.remove(this);
        }
    }

    static synchronized BrokerRefusals on(EmbeddedRocketMQBroker broker) {
        if (installed == null) {
            installed = new BrokerRefusals();
            broker.getBrokerNames().forEach(name -> broker.getBrokerController(name).registerSendMessageHook(installed));
        }
        return installed;
    }

    /** Refuses the next {@code times} sends that match, then lets them through again. */
    Refusal refuse(int times, Predicate<Send> matching) {
        Refusal refusal = new Refusal(times, matching);
        refusals.add(refusal);
        return refusal;
    }

    @Override
    public String hookName() {
        return "test-refusals";
    }

    @Override
    public void sendMessageBefore(SendMessageContext context) {
        if (refusals.isEmpty()) {
            return;
        }
        Send send = new Send(context.getTopic(), MessageDecoder.string2messageProperties(context.getMsgProps()));
        for (Refusal refusal : refusals) {
            if (refusal.refuses(send)) {
                throw new AbortProcessException(ResponseCode.SYSTEM_ERROR, "refused by the test (broker in trouble)");
            }
        }
    }

    @Override
    public void sendMessageAfter(SendMessageContext context) {
    }
}
