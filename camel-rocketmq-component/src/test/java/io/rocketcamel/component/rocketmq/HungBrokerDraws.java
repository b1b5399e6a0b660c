package io.rocketcamel.component.rocketmq;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;

/**
 * Decides the client's draws of a broker of a topic (MQClientInstance.findBrokerAddrByTopic, which a clustering
 * rebalance uses to ask for the group's members): the next draws pick as {@link #decide} says, every other draw the
 * broker that answers, so that a test sees the round that hits the hung broker each time instead of by chance. Only
 * for topics on two brokers listed alike; a draw among other counts is left to chance.
 */
final class HungBrokerDraws extends Random {

    private final int hungIndex;
    private final Queue<Boolean> decided = new ConcurrentLinkedQueue<>();
    private final AtomicInteger forced = new AtomicInteger();

    private HungBrokerDraws(int hungIndex) {
        this.hungIndex = hungIndex;
    }

    /**
     * Replaces the client instance's random source.
     *
     * @param topics the topics whose draws are decided: each on two brokers, listed in the same order
     */
    static HungBrokerDraws install(MQClientInstance instance, String hungBroker, List<String> topics)
            throws ReflectiveOperationException {
        Integer index = null;
        for (String topic : topics) {
            TopicRouteData route = instance.getTopicRouteTable().get(topic);
            List<String> brokers = route.getBrokerDatas().stream().map(BrokerData::getBrokerName).toList();
            if (brokers.size() != 2 || (index != null && brokers.indexOf(hungBroker) != index)) {
                throw new IllegalStateException("Routes not listed alike on two brokers: " + topic + " " + brokers);
            }
            index = brokers.indexOf(hungBroker);
        }
        HungBrokerDraws draws = new HungBrokerDraws(index);
        Field random = MQClientInstance.class.getDeclaredField("random");
        random.setAccessible(true);
        random.set(instance, draws);
        return draws;
    }

    /** The next draws among two brokers, in turn: the hung broker where {@code true}, the other where not. */
    void decide(boolean... hung) {
        for (boolean pick : hung) {
            decided.add(pick);
        }
    }

    /** How many draws picked the hung broker because of {@link #decide}. */
    int forced() {
        return forced.get();
    }

    @Override
    public int nextInt(int bound) {
        if (bound != 2) {
            return super.nextInt(bound);
        }
        if (Boolean.TRUE.equals(decided.poll())) {
            forced.incrementAndGet();
            return hungIndex;
        }
        return 1 - hungIndex;
    }
}
