package io.rocketcamel.examples.config;

import io.rocketcamel.examples.deadletter.JsonEventRoutes;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.camel.ExchangePattern;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.stereotype.Component;

/**
 * Config updates broadcast to every instance: three consumers of one group in BROADCASTING mode each get every
 * update and apply it to their own local config. They read from the first offset, so an instance that starts late
 * replays the history and converges too.
 */
@Component
public class ConfigBroadcastRoutes extends JsonEventRoutes {

    public static final String PUBLISH = "direct:publish-config";
    public static final String TOPIC = "config-updates";

    private final List<ConfigNode> nodes = IntStream.rangeClosed(1, 3).mapToObj(i -> new ConfigNode("config-node-" + i)).toList();

    public List<ConfigNode> nodes() {
        return nodes;
    }

    @Override
    protected void routes() {
        from(PUBLISH).routeId("config-publisher")
                .marshal().json(JsonLibrary.Jackson)
                .to(ExchangePattern.InOnly, "rocketmq:" + TOPIC);

        for (ConfigNode node : nodes) {
            from("rocketmq:" + TOPIC + "?consumerGroup=config-nodes&messageModel=BROADCASTING&consumeFromWhere=FIRST_OFFSET")
                    .routeId(node.name())
                    .unmarshal().json(JsonLibrary.Jackson, ConfigUpdate.class)
                    .bean(node, "apply");
        }
    }
}
