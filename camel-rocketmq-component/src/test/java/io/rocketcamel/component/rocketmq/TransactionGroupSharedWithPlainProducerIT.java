package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.broker.junit.EmbeddedRocketMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * a transactional endpoint and a plain endpoint of one producerGroup (a producerGroup set on the component, or
 * named twice). The broker checks back with any producer channel of the group, round robin; the plain endpoint's
 * client has no transaction listener (and no check executor), so the check-backs it gets are never answered and still
 * count towards transactionCheckMax. transactionCheckMax=1 here makes each transaction's one check count.
 */
@EmbeddedRocketMQ(transactionCheckIntervalMs = 1000, transactionTimeoutMs = 1000,
                  brokerProperties = "transactionCheckMax=1", shared = false)
class TransactionGroupSharedWithPlainProducerIT {

    private static final int TRANSACTIONS = 10;

    @Test
    void checkBacksReachTheCheckerWhenAPlainEndpointSharesTheGroup(EmbeddedRocketMQBroker broker) throws Exception {
        String txTopic = "tx-shared-" + System.nanoTime();
        String plainTopic = "plain-shared-" + System.nanoTime();
        String group = "shared-group-" + System.nanoTime();
        broker.createTopic(txTopic, 2);
        broker.createTopic(plainTopic, 2);
        Set<String> received = ConcurrentHashMap.newKeySet();
        List<String> checked = new CopyOnWriteArrayList<>();
        CamelContext context = RocketMQITSupport.newContext(broker);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:undecided").to("rocketmq:" + txTopic + "?transactional=true&producerGroup=" + group
                                            + "&transactionChecker=direct:check")
                        .setHeader(RocketMQConstants.TRANSACTION_STATE, constant("UNKNOWN"));
                from("direct:check").process(e -> checked.add(e.getMessage().getBody(String.class)))
                        .setBody(constant("COMMIT"));
                from("direct:plain").to("rocketmq:" + plainTopic + "?producerGroup=" + group);
                from("rocketmq:" + txTopic + "?consumerGroup=g-" + txTopic)
                        .process(e -> received.add(e.getMessage().getBody(String.class)));
            }
        });
        context.start();
        try {
            ProducerTemplate template = context.createProducerTemplate();
            template.sendBody("direct:plain", "plain");
            // both clients of the group heartbeat to the broker
            await().atMost(RocketMQITSupport.seconds(20)).until(() -> {
                var channels = broker.getBrokerController(broker.getBrokerNames().get(0)).getProducerManager()
                        .getGroupChannelTable().get(group);
                return channels != null && channels.size() == 2;
            });
            for (int i = 0; i < TRANSACTIONS; i++) {
                template.sendBody("direct:undecided", "tx-" + i);
            }
            await().atMost(RocketMQITSupport.seconds(20)).untilAsserted(() -> assertThat(received)
                    .as("committed by their check-back (checker asked %s times)", checked.size()).hasSize(TRANSACTIONS));
        } finally {
            context.stop();
        }
    }
}
