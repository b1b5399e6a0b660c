package io.rocketcamel.reliability.app;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A consumer process: one route {@code rocketmq:TOPIC?OPTIONS} whose processing takes {@code workMs} and then
 * records {@code P id micros broker queue offset reconsumeTimes} before the exchange completes, so every
 * acknowledged message is recorded (and a message recorded by a process killed before it acknowledged is delivered
 * again: a duplicate). Prints {@code READY} once the route runs, then runs until it is killed.
 */
public final class ConsumerApp {

    private ConsumerApp() {
    }

    public static void main(String[] args) throws Exception {
        AppConfig config = AppConfig.load(Path.of(args[0]));
        String uri = "rocketmq:" + config.get("topic") + "?namesrvAddr=" + config.get("namesrv") + "&" + config.get("options");
        long workMs = config.getInt("workMs", 0);
        RecordFile records = new RecordFile(Path.of(config.get("records")));
        CamelContext camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("consume").process(exchange -> {
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
