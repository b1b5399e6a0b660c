package io.rocketcamel.component.rocketmq.consumer;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.ServiceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a newly started clustering consumer pull its retry topic at once. The broker creates a new group's
 * {@code %RETRY%<group>} topic on the consumer's first heartbeat, after the client's first rebalance, and the client
 * otherwise rebalances only every 20 s: until then no failed message of the group comes back. The route may take
 * up to a few seconds to appear, so this runs beside the consumer rather than holding up the route's start.
 */
final class RetryTopicWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(RetryTopicWarmUp.class);
    private static final long MAX_WAIT_MILLIS = 5000;
    private static final long POLL_MILLIS = 100;

    private RetryTopicWarmUp() {
    }

    static void startBeside(DefaultMQPushConsumer consumer) {
        Thread thread = new Thread(() -> run(consumer), "rocketcamel-retry-warm-up-" + consumer.getConsumerGroup());
        thread.setDaemon(true);
        thread.start();
    }

    private static void run(DefaultMQPushConsumer consumer) {
        try {
            await(consumer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("Retry topic warm-up of {} stopped: {}", consumer.getConsumerGroup(), e.toString());
        }
    }

    private static void await(DefaultMQPushConsumer consumer) throws InterruptedException {
        MQClientInstance client = consumer.getDefaultMQPushConsumerImpl().getmQClientFactory();
        Map<String, ?> knownTopics = consumer.getDefaultMQPushConsumerImpl().getRebalanceImpl().getTopicSubscribeInfoTable();
        String retryTopic = MixAll.getRetryTopic(consumer.getConsumerGroup());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS);
        // the client's route poller may get there first, so the route is checked where the rebalance reads it
        while (!knownTopics.containsKey(retryTopic)) {
            if (consumer.getDefaultMQPushConsumerImpl().getServiceState() != ServiceState.RUNNING) {
                return;
            }
            client.updateTopicRouteInfoFromNameServer(retryTopic);
            if (System.nanoTime() > deadline) {
                LOG.debug("Retry topic {} has no route yet; redeliveries start with the client's next rebalance", retryTopic);
                return;
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
        client.rebalanceImmediately();
    }
}
