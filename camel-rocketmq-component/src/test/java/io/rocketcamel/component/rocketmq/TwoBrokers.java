package io.rocketcamel.component.rocketmq;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.broker.EmbeddedRocketMQBrokerBuilder;
import io.rocketcamel.broker.RunnerProcess;
import io.rocketcamel.testsupport.TestClients;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * broker-a in this JVM and broker-b in a child JVM, so that a test can make broker-b hang (SIGSTOP,
 * {@link RunnerProcess#suspend}) as a long GC pause or a half-dead host would; the topic is on both.
 */
final class TwoBrokers implements AutoCloseable {

    private static final Duration ROUTE_DEADLINE = Duration.ofSeconds(60);

    final EmbeddedRocketMQBroker cluster;
    final RunnerProcess brokerB;
    final TestClients clients;
    private final String topic;

    private TwoBrokers(EmbeddedRocketMQBroker cluster, RunnerProcess brokerB, TestClients clients, String topic) {
        this.cluster = cluster;
        this.brokerB = brokerB;
        this.clients = clients;
        this.topic = topic;
    }

    /**
     * @param queues      the topic's queues on each broker, and the other topics'
     * @param log         broker-b's log, under target/it-logs
     * @param otherTopics topics created alike, for tests to send to themselves
     */
    static TwoBrokers start(String topic, int queues, String log, String... otherTopics) throws Exception {
        return start(topic, queues, log, List.of(), otherTopics);
    }

    /** @param brokerBProperties broker-b's broker properties, each KEY=VALUE */
    static TwoBrokers start(String topic, int queues, String log, List<String> brokerBProperties,
                            String... otherTopics) throws Exception {
        List<String> topics = Stream.concat(Stream.of(topic), Stream.of(otherTopics)).toList();
        EmbeddedRocketMQBrokerBuilder builder = EmbeddedRocketMQBroker.builder();
        topics.forEach(each -> builder.topic(each, queues));
        EmbeddedRocketMQBroker cluster = builder.start();
        RunnerProcess brokerB = null;
        TestClients clients = null;
        try {
            List<String> runnerArgs = new ArrayList<>(List.of("--namesrv", cluster.getNamesrvAddr(), "--broker-name",
                    "broker-b"));
            topics.forEach(each -> runnerArgs.addAll(List.of("--topic", each + ":" + queues)));
            brokerBProperties.forEach(each -> runnerArgs.addAll(List.of("--property", each)));
            brokerB = RunnerProcess.start(runnerArgs, Path.of("target", "it-logs", log));
            clients = new TestClients(cluster.getNamesrvAddr());
            TestClients asking = clients;
            await().atMost(ROUTE_DEADLINE).until(() -> {
                for (String each : topics) {
                    if (brokersOf(asking, each) != 2) {
                        return false;
                    }
                }
                return true;
            });
            return new TwoBrokers(cluster, brokerB, clients, topic);
        } catch (Exception | Error e) {
            new TwoBrokers(cluster, brokerB, clients, topic).close();
            throw e;
        }
    }

    /** A Camel context, not started, whose {@code rocketmq} component uses this cluster. */
    CamelContext camelContext() {
        CamelContext context = new DefaultCamelContext();
        RocketMQComponent component = new RocketMQComponent();
        component.getConfiguration().setNamesrvAddr(cluster.getNamesrvAddr());
        context.addComponent("rocketmq", component);
        return context;
    }

    /** Sends to the queue named, as the test's producer. */
    void send(String broker, int queueId, String body) throws Exception {
        send(topic, broker, queueId, body);
    }

    /** Sends to the queue of that topic named, as the test's producer. */
    void send(String toTopic, String broker, int queueId, String body) throws Exception {
        clients.producer().send(new Message(toTopic, body.getBytes(StandardCharsets.UTF_8)),
                new MessageQueue(toTopic, broker, queueId));
    }

    /** broker-b's address, as it registered it (the routes name it so). */
    String brokerBAddress() {
        return brokerB.brokers().get(0).address();
    }

    private static long brokersOf(TestClients clients, String topic) throws Exception {
        return clients.producer().fetchPublishMessageQueues(topic).stream().map(MessageQueue::getBrokerName).distinct()
                .count();
    }

    @Override
    public void close() {
        if (clients != null) {
            clients.close();
        }
        if (brokerB != null) {
            brokerB.close();
        }
        cluster.close();
    }
}
