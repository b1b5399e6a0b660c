package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Transactional producers whose routes come and go: check-backs are answered for as long as any route of the group
 * still sends, and a producer that can never answer one says so when it starts.
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
        Logger root = (Logger) LoggerFactory.getLogger("io.rocketcamel");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try {
            start(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:unchecked").to("rocketmq:" + topic + "?transactional=true");
                }
            });

            assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN).anySatisfy(e -> assertThat(
                    e.getFormattedMessage()).contains(topic).contains("transactionChecker").contains("dropped"));
        } finally {
            root.detachAppender(logs);
        }
    }
}
