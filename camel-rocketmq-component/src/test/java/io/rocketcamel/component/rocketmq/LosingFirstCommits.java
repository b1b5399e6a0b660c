package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.broker.offset.ConsumerOffsetManager;

/**
 * The broker's offset manager, made to lose what apache/rocketmq#10700 loses at random: when the first commits of a
 * group's queues race, all but one are dropped. Here, for one group and topic, the first commit of every queue but the
 * first to commit is dropped, every time. Every other commit is kept. Closing puts the broker's own manager back.
 */
final class LosingFirstCommits extends ConsumerOffsetManager implements AutoCloseable {

    private final BrokerController broker;
    private final ConsumerOffsetManager original;
    private final String group;
    private final String topic;
    private final Set<Integer> committed = ConcurrentHashMap.newKeySet();
    private final List<String> lost = new CopyOnWriteArrayList<>();

    private LosingFirstCommits(BrokerController broker, String group, String topic) {
        super(broker);
        this.broker = broker;
        this.original = broker.getConsumerOffsetManager();
        this.group = group;
        this.topic = topic;
        setOffsetTable(original.getOffsetTable());
    }

    static LosingFirstCommits of(BrokerController broker, String group, String topic) {
        LosingFirstCommits losing = new LosingFirstCommits(broker, group, topic);
        broker.setConsumerOffsetManager(losing);
        return losing;
    }

    @Override
    public synchronized void commitOffset(String clientHost, String group, String topic, int queueId, long offset) {
        if (this.group.equals(group) && this.topic.equals(topic)) {
            boolean first = committed.isEmpty();
            if (committed.add(queueId) && !first) {
                lost.add("queue " + queueId + " at " + offset);
                return;
            }
        }
        super.commitOffset(clientHost, group, topic, queueId, offset);
    }

    /** The commits dropped, as "queue N at OFFSET". */
    List<String> lost() {
        return lost;
    }

    @Override
    public void close() {
        broker.setConsumerOffsetManager(original);
    }
}
