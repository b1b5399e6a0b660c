package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rocketcamel.component.rocketmq.transaction.GroupProducers;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * a producer group with two transactional endpoints, each with its own checker, one of them a toD (the topic it
 * sends to is not the endpoint's topic). The check-back of the toD's half message names the resolved topic, for which
 * no checker is registered, and the group has more than one checker: it is answered UNKNOWN until the broker drops it.
 */
class TransactionDynamicTopicIT extends RocketMQITSupport {

    @Test
    void aCheckBackOfAToDTopicReachesTheToDsChecker() throws Exception {
        String staticTopic = topic("tx-static", 1);
        String dynamicTopic = topic("tx-dynamic", 1);
        String group = unique("txg");
        List<String> askedStatic = new CopyOnWriteArrayList<>();
        List<String> askedDynamic = new CopyOnWriteArrayList<>();
        List<String> received = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:static").to("rocketmq:" + staticTopic + "?transactional=true&producerGroup=" + group
                                         + "&transactionChecker=direct:checkStatic");
                from("direct:dynamic").toD("rocketmq:${header.target}?transactional=true&producerGroup=" + group
                                           + "&transactionChecker=direct:checkDynamic")
                        .setHeader(RocketMQConstants.TRANSACTION_STATE, constant("UNKNOWN"));
                from("direct:checkStatic").process(e -> askedStatic.add(text(e.getMessage().getBody())))
                        .setBody(constant("ROLLBACK"));
                from("direct:checkDynamic").process(e -> askedDynamic.add(text(e.getMessage().getBody())))
                        .setBody(constant("COMMIT"));
                from("rocketmq:" + dynamicTopic + "?consumerGroup=" + unique("g"))
                        .process(e -> received.add(text(e.getMessage().getBody())));
            }
        });

        template.sendBodyAndHeader("direct:dynamic", "order-1", "target", dynamicTopic);

        await().atMost(seconds(15)).untilAsserted(() -> assertThat(received)
                .as("committed by the toD's checker (asked: toD's %s, the other endpoint's %s)", askedDynamic, askedStatic)
                .containsExactly("order-1"));
        assertThat(askedStatic).isEmpty();
    }

    /**
     * A transactional toD joins its producer group when its route starts, not at its first exchange, so a restarted
     * application answers check-backs from the start (TransactionCheckBackIT), and leaves it with the route; so does
     * one whose expressions are in options its endpoint evaluates per exchange (tags, keys: it joined only at its first
     * exchange). A toD with another option read from the exchange has no endpoint before its first exchange.
     */
    @Test
    void aTransactionalToDJoinsItsGroupWithItsRoute() throws Exception {
        String group = unique("txg");
        String perExchangeGroup = unique("txg");
        String perExchangeEndpointGroup = unique("txg");
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:dynamic").routeId("tod").toD("rocketmq:${header.target}?transactional=true&producerGroup="
                                                          + group + "&transactionChecker=direct:check");
                from("direct:perExchange").toD("rocketmq:${header.target}?transactional=true&producerGroup="
                                               + perExchangeGroup + "&transactionChecker=direct:check"
                                               + "&tags=${header.tag}&keys=${header.id}");
                from("direct:perExchangeEndpoint").toD("rocketmq:${header.target}?transactional=true&producerGroup="
                                                       + perExchangeEndpointGroup + "&transactionChecker=direct:check"
                                                       + "&sendTimeout=${header.timeout}");
                from("direct:check").setBody(constant("COMMIT"));
            }
        });
        GroupProducers groups = context.getComponent("rocketmq", RocketMQComponent.class).groupProducers();

        // tags and keys are evaluated per exchange by the toD's one endpoint; a sendTimeout read from the exchange
        // makes an endpoint per value, known only once an exchange resolved it
        assertThat(groups.checkBacks()).containsKeys(group, perExchangeGroup)
                .doesNotContainKey(perExchangeEndpointGroup);
        context.getRouteController().stopRoute("tod");
        assertThat(groups.checkBacks()).doesNotContainKey(group);
        context.getRouteController().startRoute("tod");
        assertThat(groups.checkBacks()).containsKey(group);
    }
}
