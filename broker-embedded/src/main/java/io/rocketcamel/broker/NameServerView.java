package io.rocketcamel.broker;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.rocketmq.broker.out.BrokerOuterAPI;
import org.apache.rocketmq.namesrv.NamesrvController;
import org.apache.rocketmq.remoting.protocol.body.ClusterInfo;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.remoting.protocol.route.QueueData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;

/**
 * What the name server knows about this instance's brokers: read in-process from the name server this instance
 * started, or asked over the wire when the brokers register with a name server of another process.
 */
interface NameServerView {

    /** Broker ids registered, by broker name; a failed look-up counts as nothing registered yet. */
    Map<String, Set<Long>> registeredBrokers();

    /** Names of the brokers whose queues the name server lists for the topic. */
    Set<String> brokersServing(String topic);

    static NameServerView local(NamesrvController namesrv) {
        return new NameServerView() {
            @Override
            public Map<String, Set<Long>> registeredBrokers() {
                return ids(namesrv.getRouteInfoManager().getAllClusterInfo());
            }

            @Override
            public Set<String> brokersServing(String topic) {
                return names(namesrv.getRouteInfoManager().pickupTopicRouteData(topic));
            }
        };
    }

    static NameServerView remote(BrokerOuterAPI api) {
        return new NameServerView() {
            @Override
            public Map<String, Set<Long>> registeredBrokers() {
                try {
                    return ids(api.getBrokerClusterInfo());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EmbeddedBrokerException("Interrupted while asking the name server for its brokers", e);
                } catch (Exception e) {
                    return Map.of();
                }
            }

            @Override
            public Set<String> brokersServing(String topic) {
                try {
                    return names(api.getTopicRouteInfoFromNameServer(topic, 3_000, false));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EmbeddedBrokerException("Interrupted while asking the name server for topic " + topic, e);
                } catch (Exception e) {
                    // TOPIC_NOT_EXIST until the first registration with the topic, or the name server not answering
                    return Set.of();
                }
            }
        };
    }

    private static Map<String, Set<Long>> ids(ClusterInfo info) {
        Map<String, BrokerData> table = info == null ? null : info.getBrokerAddrTable();
        if (table == null) {
            return Map.of();
        }
        return table.values().stream().collect(Collectors.toMap(BrokerData::getBrokerName,
                data -> Set.copyOf(data.getBrokerAddrs().keySet()), (a, b) -> a));
    }

    private static Set<String> names(TopicRouteData route) {
        if (route == null || route.getQueueDatas() == null) {
            return Set.of();
        }
        return route.getQueueDatas().stream().map(QueueData::getBrokerName).collect(Collectors.toSet());
    }
}
