package io.rocketcamel.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.rocketcamel.component.rocketmq.RocketMQComponent;
import io.rocketcamel.examples.config.ConfigBroadcastDemo;
import io.rocketcamel.examples.config.ConfigBroadcastRoutes;
import io.rocketcamel.examples.config.ConfigNode;
import io.rocketcamel.examples.config.ConfigUpdate;
import io.rocketcamel.examples.demo.Await;
import io.rocketcamel.examples.demo.DemoConsole;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ConfigBroadcastIT extends ExamplesITSupport {

    @Autowired
    ConfigBroadcastDemo demo;
    @Autowired
    ConfigBroadcastRoutes routes;
    @Autowired
    CamelContext camel;

    @Test
    void everyInstanceAppliesEveryUpdateAndConverges() {
        assertPassed(demo.run(new DemoConsole("config-broadcast"), 200));
        assertThat(routes.nodes()).hasSize(3);
        assertThat(routes.nodes()).extracting(ConfigNode::snapshot).allSatisfy(snapshot -> {
            assertThat(snapshot).isEqualTo(routes.nodes().get(0).snapshot());
            assertThat(snapshot).hasSize(10);
        });
    }

    /**
     * The app stopped and started again on the same host: its nodes resume after the offsets they stored, so each must
     * come back with the config it had, not only with the updates sent after the restart.
     */
    @Test
    void aRestartedAppComesBackWithTheConfigItHad() throws Exception {
        assertPassed(demo.run(new DemoConsole("config-broadcast"), 30));
        Map<String, String> expected = new TreeMap<>(routes.nodes().get(0).snapshot());
        for (ConfigNode node : routes.nodes()) {
            camel.getRouteController().stopRoute(node.name());
        }
        DefaultCamelContext restarted = new DefaultCamelContext();
        try {
            RocketMQComponent rocketmq = new RocketMQComponent();
            rocketmq.setConfiguration(camel.getComponent("rocketmq", RocketMQComponent.class).getConfiguration().copy());
            restarted.addComponent("rocketmq", rocketmq);
            ConfigBroadcastRoutes afterRestart = new ConfigBroadcastRoutes(routes.stateDirectory().toString());
            restarted.addRoutes(afterRestart);
            restarted.start();

            restarted.createProducerTemplate().sendBody(ConfigBroadcastRoutes.PUBLISH,
                    new ConfigUpdate("after.restart", "on", System.currentTimeMillis() * 1000));
            expected.put("after.restart", "on");
            assertThat(Await.until(Duration.ofSeconds(30), () -> afterRestart.nodes().stream()
                    .allMatch(node -> node.snapshot().containsKey("after.restart")))).as("update after the restart applied").isTrue();
            assertThat(afterRestart.nodes()).extracting(ConfigNode::snapshot).containsOnly(expected);
        } finally {
            restarted.close();
            for (ConfigNode node : routes.nodes()) {
                camel.getRouteController().startRoute(node.name());
            }
        }
    }
}
