package io.rocketcamel.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.rocketcamel.component.rocketmq.RocketMQComponent;
import io.rocketcamel.examples.config.ConfigBroadcastDemo;
import io.rocketcamel.examples.config.ConfigBroadcastRoutes;
import io.rocketcamel.examples.config.ConfigNode;
import io.rocketcamel.examples.config.ConfigUpdate;
import io.rocketcamel.examples.demo.Await;
import io.rocketcamel.examples.demo.DemoConsole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;

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
            // the demo's ten keys; other tests of the class may have published keys of their own
            assertThat(snapshot.keySet()).filteredOn(key -> key.startsWith("feature.")).hasSize(10);
        });
    }

    /**
     * An instance that starts after the updates were published (a new host, or one whose state directory is gone) has
     * no stored offsets: it replays the topic from its first offset and catches up on them, without waiting for
     * another update.
     */
    @Test
    void anInstanceStartingLateCatchesUpOnTheUpdatesBeforeIt(@Autowired ProducerTemplate producer) throws Exception {
        String prefix = "late." + UUID.randomUUID() + ".";
        Map<String, String> published = new TreeMap<>();
        long version = System.currentTimeMillis() * 1000;
        for (int i = 0; i < 20; i++) {
            ConfigUpdate update = new ConfigUpdate(prefix + i % 5, "v" + i, ++version);
            producer.sendBody(ConfigBroadcastRoutes.PUBLISH, update);
            published.put(update.key(), update.value());
        }
        Path newHost = Files.createTempDirectory("config-late-");
        DefaultCamelContext late = new DefaultCamelContext();
        try {
            RocketMQComponent rocketmq = new RocketMQComponent();
            rocketmq.setConfiguration(camel.getComponent("rocketmq", RocketMQComponent.class).getConfiguration().copy());
            late.addComponent("rocketmq", rocketmq);
            ConfigBroadcastRoutes lateRoutes = new ConfigBroadcastRoutes(newHost.toString());
            late.addRoutes(lateRoutes);
            late.start();

            Await.until(Duration.ofSeconds(30), () -> lateRoutes.nodes().stream()
                    .allMatch(node -> ofPrefix(node.snapshot(), prefix).equals(published)));
            assertThat(lateRoutes.nodes()).extracting(node -> ofPrefix(node.snapshot(), prefix))
                    .as("late nodes' config of the updates before them").containsOnly(published);
        } finally {
            late.close();
            FileSystemUtils.deleteRecursively(newHost);
        }
    }

    private static Map<String, String> ofPrefix(Map<String, String> config, String prefix) {
        Map<String, String> matching = new TreeMap<>(config);
        matching.keySet().removeIf(key -> !key.startsWith(prefix));
        return matching;
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
