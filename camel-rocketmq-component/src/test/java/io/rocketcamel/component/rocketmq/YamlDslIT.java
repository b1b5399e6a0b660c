package io.rocketcamel.component.rocketmq;

import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

class YamlDslIT extends RocketMQITSupport {

    @Test
    void yamlRoutesProduceAndConsumeWithOptions() throws Exception {
        String topic = topic("yaml", 2);
        String yaml = """
                - route:
                    from:
                      uri: direct:in
                      steps:
                        - to:
                            uri: rocketmq:%1$s
                            parameters:
                              orderKey: "$<header.id>"
                              keys: "$<header.id>"
                - route:
                    from:
                      uri: rocketmq:%1$s
                      parameters:
                        consumerGroup: %2$s
                        tags: ERROR
                      steps:
                        - convertBodyTo:
                            type: java.lang.String
                        - to: mock:errors
                """.formatted(topic, unique("g"));
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("routes.yaml", yaml));
        MockEndpoint errors = context.getEndpoint("mock:errors", MockEndpoint.class);
        errors.expectedBodiesReceived("disk full");
        errors.expectedHeaderReceived(RocketMQConstants.KEYS, "e-1");
        errors.setAssertPeriod(1000);

        template.send("direct:in", e -> {
            e.getMessage().setBody("all fine");
            e.getMessage().setHeader("id", "i-1");
            e.getMessage().setHeader(RocketMQConstants.TAGS, "INFO");
        });
        template.send("direct:in", e -> {
            e.getMessage().setBody("disk full");
            e.getMessage().setHeader("id", "e-1");
            e.getMessage().setHeader(RocketMQConstants.TAGS, "ERROR");
        });

        errors.setResultWaitTime(15_000);
        errors.assertIsSatisfied();
    }
}
