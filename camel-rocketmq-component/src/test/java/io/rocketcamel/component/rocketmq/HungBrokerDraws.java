package io.rocketcamel.component.rocketmq;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
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

    /**
     * Decides the draws of the round that the client instance's first notice that the group's members changed starts
     * (a broker's request, which a hook hears before the client handles it).
     *
     * @return when that notice came (System.currentTimeMillis()), 0 until then
     */
    AtomicLong decideAtNotice(MQClientInstance instance, boolean... hung) {
        AtomicLong notifiedAt = new AtomicLong();
        instance.getMQClientAPIImpl().getRemotingClient().registerRPCHook(new RPCHook() {
            @Override
            public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
                if (request.getCode() == RequestCode.NOTIFY_CONSUMER_IDS_CHANGED
                    && notifiedAt.compareAndSet(0, System.currentTimeMillis())) {
                    decide(hung);
                }
            }

            @Override
            public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
            }
        });
        return notifiedAt;
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
