package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import io.rocketcamel.testsupport.CapturedLogs;
import io.rocketcamel.testsupport.Patience;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Transactional producers whose routes come and go: check-backs are answered for as long as any route of the group
 * still sends, a producer that can never answer one says so when it starts, and one that would share its group's
 * client with options it did not ask for is refused.
 */
class TransactionLifecycleIT extends RocketMQITSupport {

    @Test
    void checkBacksAreStillAnsweredAfterTheRouteThatStartedLastStops() throws Exception {
        String topic = topic("tx-two-routes", 1);
        List<String> received = new CopyOnWriteArrayList<>();
        List<String> checked = new CopyOnWriteArrayList<>();
        String uri = "rocketmq:" + topic + "?transactional=true&transactionChecker=direct:check";
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:first").routeId("first").to(uri)
                        .setHeader(RocketMQConstants.TRANSACTION_STATE, constant("UNKNOWN"));
                from("direct:second").routeId("second").to(uri);
                from("direct:check").process(e -> checked.add(text(e.getMessage().getBody())))
                        .setBody(constant("COMMIT"));
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g"))
                        .process(e -> received.add(text(e.getMessage().getBody())));
            }
        });

        context.getRouteController().stopRoute("second");
        template.sendBody("direct:first", "order-after-stop");

        await().atMost(seconds(30)).until(() -> received.contains("order-after-stop"));
        assertThat(checked).contains("order-after-stop");
    }

    @Test
    void aTransactionalProducerWithoutCheckerWarnsAtStart() throws Exception {
        String topic = topic("tx-no-checker", 1);
        try (CapturedLogs logs = new CapturedLogs("io.rocketcamel")) {
            start(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:unchecked").to("rocketmq:" + topic + "?transactional=true");
                }
            });

            assertThat(logs.messages(Level.WARN)).anySatisfy(m -> assertThat(m).contains(topic).contains("transactionChecker")
                    .contains("dropped"));
        }
    }

    /**
     * The transactional endpoints of a producer group share one client, built from the first one's options: a second
     * endpoint asking for another send timeout and other credentials used to send, time out and sign as the first.
     */
    @Test
    void anEndpointJoiningAProducerGroupWithOtherClientOptionsIsRefusedAtRouteStart() {
        String topic = topic("tx-group-options", 1);
        String group = unique("pg");
        String base = "rocketmq:" + topic + "?transactional=true&transactionChecker=direct:check-options&producerGroup=" + group;

        assertThatThrownBy(() -> start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:check-options").setBody(constant("COMMIT"));
                from("direct:first-options").to(base);
                from("direct:second-options").to(base + "&sendTimeout=9000&accessKey=AK-second&secretKey=SK-second"
                                                    + "&transactionCheckThreads=4");
            }
        })).rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("producerGroup " + group)
                .hasMessageContaining("sendTimeout=9000 (the group's client: " + Patience.SEND_TIMEOUT.toMillis() + ")")
                .hasMessageContaining("transactionCheckThreads=4 (the group's client: 1)")
                .hasMessageContaining("accessKey (differs)").hasMessageContaining("secretKey (differs)")
                .hasMessageNotContaining("AK-second").hasMessageNotContaining("SK-second");
    }
}
