package io.rocketcamel.broker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.store.config.FlushDiskType;

/**
 * What the builder collected, fixed at {@code start()}; {@code authentication} is null when it is off,
 * {@code externalNamesrv} null when this instance starts its own name server.
 */
record BrokerSettings(
        String host,
        int namesrvPort,
        int brokerPort,
        List<NodeSpec> nodes,
        String externalNamesrv,
        String clusterName,
        FlushDiskType flushDiskType,
        DelayLevels delayLevels,
        Duration transactionCheckInterval,
        Duration transactionTimeout,
        int transactionCheckMax,
        int commitLogFileSize,
        BrokerProperties properties,
        Authentication authentication,
        boolean acceptTls,
        Map<String, Integer> topics,
        Map<String, Integer> orderedTopics) {
}
