package io.rocketcamel.starter.app;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

@Component
public class OrderRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:orders").routeId("order-sender").to("rocketmq:orders");
        from("rocketmq:orders?consumerGroup=order-readers").routeId("order-reader").bean(Inbox.class, "order");

        from("direct:poison").routeId("poison-sender").to("rocketmq:poison");
        from("rocketmq:poison?consumerGroup=poison-readers&maxReconsumeTimes=1").routeId("poison-reader")
                .throwException(new IllegalStateException("cannot handle ${body}"));
        // a batch consumer's exchange holds a list: each message carries its own redelivery count
        from("rocketmq:poison?consumerGroup=poison-batch-readers&maxReconsumeTimes=1&consumeBatchSize=4")
                .routeId("poison-batch-reader").throwException(new IllegalStateException("cannot handle ${body}"));

        from("direct:backlog").routeId("backlog-sender").to("rocketmq:backlog");
        from("rocketmq:backlog?consumerGroup=backlog-readers").routeId("backlog-reader").bean(Inbox.class, "backlog");
    }
}
