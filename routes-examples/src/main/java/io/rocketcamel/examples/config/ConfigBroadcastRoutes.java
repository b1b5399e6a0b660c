package io.rocketcamel.examples.config;

import io.rocketcamel.examples.StateDirectory;
import io.rocketcamel.examples.deadletter.JsonEventRoutes;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.camel.ExchangePattern;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Config updates broadcast to every instance: three consumers of one group in BROADCASTING mode each get every
 * update and apply it to their own local config. They read from the first offset, so an instance that starts late
 * replays the history and converges too. Each node keeps its config and its broadcast offsets in one state directory,
 * so they last equally long: a configured directory across restarts (a node resumes with its config after its
 * offsets), a temporary one for one run (a restarted node is new and replays the history).
 */
@Component
public class ConfigBroadcastRoutes extends JsonEventRoutes implements DisposableBean {

    public static final String PUBLISH = "direct:publish-config";
    public static final String TOPIC = "config-updates";

    private final StateDirectory state;
    private final List<ConfigNode> nodes;

    public ConfigBroadcastRoutes(@Value("${rocketcamel.demo.config.state-dir:}") String stateDir) {
        state = new StateDirectory(stateDir, "config-nodes");
        nodes = IntStream.rangeClosed(1, 3).mapToObj(i -> new ConfigNode("config-node-" + i, state.directory("config")))
                .toList();
    }

    public List<ConfigNode> nodes() {
        return nodes;
    }

    public Path stateDirectory() {
        return state.path();
    }

    @Override
    protected void routes() {
        from(PUBLISH).routeId("config-publisher")
                .marshal().json(JsonLibrary.Jackson)
                .to(ExchangePattern.InOnly, "rocketmq:" + TOPIC);

        for (ConfigNode node : nodes) {
            // retried until the node keeps the update (a full disk may last longer than the default 16 attempts)
            from("rocketmq:" + TOPIC + "?consumerGroup=config-nodes&messageModel=BROADCASTING&consumeFromWhere=FIRST_OFFSET"
                 + "&maxReconsumeTimes=" + Integer.MAX_VALUE + "&offsetStoreDir=" + state.directory("offsets"))
                    .routeId(node.name())
                    .unmarshal().json(JsonLibrary.Jackson, ConfigUpdate.class)
                    .bean(node, "apply");
        }
    }

    @Override
    public void destroy() {
        state.close();
    }
}
