package io.rocketcamel.reliability.app;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.idempotent.RocketMQIdempotentRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ProcessorDefinition;

/**
 * A consumer process: one route {@code rocketmq:TOPIC?OPTIONS} that records {@code S id micros} as it starts, whose
 * processing takes {@code workMs}, and that then records {@code P id micros broker queue offset reconsumeTimes} before
 * the exchange completes, so every
 * acknowledged message is recorded (and a message recorded by a process killed before it acknowledged is delivered
 * again: a duplicate). With {@code idempotentTopic}, the route is an idempotent consumer by message id on that
 * repository topic ({@code claimTimeoutMs}: the repository's claimTimeout). Once the file {@code hold} exists, each
 * message that starts records {@code H id micros} and stays in the route: the orchestrator kills the process with
 * messages in it. Prints {@code READY} once the route runs, then runs until it is killed.
 */
public final class ConsumerApp {

    private ConsumerApp() {
    }

    /** Deduplicates by the message's id (its body), on a topic every instance shares. */
    private static RocketMQIdempotentRepository repository(String topic, AppConfig config) {
        RocketMQConfiguration clients = new RocketMQConfiguration();
        clients.setNamesrvAddr(config.get("namesrv"));
        RocketMQIdempotentRepository keys = new RocketMQIdempotentRepository(topic);
        keys.setConfiguration(clients);
        keys.setClaimTimeout(Duration.ofMillis(config.getInt("claimTimeoutMs", 0)));
        return keys;
    }

    public static void main(String[] args) throws Exception {
        AppConfig config = AppConfig.load(Path.of(args[0]));
        String uri = "rocketmq:" + config.get("topic") + "?namesrvAddr=" + config.get("namesrv") + "&" + config.get("options");
        long workMs = config.getInt("workMs", 0);
        KillHold hold = KillHold.from(config);
        RecordFile records = new RecordFile(Path.of(config.get("records")));
        CamelContext camel = new DefaultCamelContext();
        String keysTopic = config.get("idempotentTopic", null);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                ProcessorDefinition<?> route = from(uri).routeId("consume");
                if (keysTopic != null) {
                    route = route.idempotentConsumer(body(), repository(keysTopic, config));
                }
                route.process(exchange -> {
                    // the route's start: a message started and never processed by a killed process was at risk
                    records.append("S", exchange.getMessage().getBody(String.class), RecordFile.nowMicros());
                    if (hold.on()) {
                        hold.stay(records, "H", exchange.getMessage().getBody(String.class));
                    }
                    if (workMs > 0) {
                        Thread.sleep(workMs);
                    }
                    Message message = exchange.getMessage();
                    records.append("P", message.getBody(String.class), RecordFile.nowMicros(),
                            message.getHeader("CamelRocketMQBrokerName"), message.getHeader("CamelRocketMQQueueId"),
                            message.getHeader("CamelRocketMQQueueOffset"), message.getHeader("CamelRocketMQReconsumeTimes"));
                });
            }
        });
        camel.start();
        System.out.println("READY consumer pid=" + ProcessHandle.current().pid());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
