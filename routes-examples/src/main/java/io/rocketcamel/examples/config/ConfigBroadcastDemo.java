package io.rocketcamel.examples.config;

import io.rocketcamel.examples.demo.Await;
import io.rocketcamel.examples.demo.DemoConsole;
import io.rocketcamel.examples.demo.DemoScenario;
import io.rocketcamel.examples.demo.ScenarioResult;
import io.rocketcamel.examples.demo.ScenarioResult.Check;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.camel.ProducerTemplate;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Publishes a stream of config updates and checks that all three instances converge on the same config. */
@Component
@Order(3)
public class ConfigBroadcastDemo implements DemoScenario {

    private final ProducerTemplate producer;
    private final ConfigBroadcastRoutes routes;
    private long version = System.currentTimeMillis() * 1000;

    public ConfigBroadcastDemo(ProducerTemplate producer, ConfigBroadcastRoutes routes) {
        this.producer = producer;
        this.routes = routes;
    }

    @Override
    public String name() {
        return "config-broadcast";
    }

    @Override
    public ScenarioResult run(DemoConsole console) {
        return run(console, 60);
    }

    public synchronized ScenarioResult run(DemoConsole console, int updates) {
        Random random = new Random(7);
        Map<String, String> expected = new TreeMap<>();
        for (ConfigNode node : routes.nodes()) {
            expected.putAll(node.snapshot());
        }
        for (int i = 0; i < updates; i++) {
            String key = "feature." + random.nextInt(10);
            String value = "v" + i;
            producer.sendBody(ConfigBroadcastRoutes.PUBLISH, new ConfigUpdate(key, value, ++version));
            expected.put(key, value);
        }
        console.stage("published %d updates over %d keys to %d broadcast consumers", updates, expected.size(), routes.nodes().size());
        Await.until(Duration.ofSeconds(60), () -> routes.nodes().stream().allMatch(n -> n.snapshot().equals(expected)));
        List<Check> checks = new ArrayList<>();
        for (ConfigNode node : routes.nodes()) {
            Map<String, String> seen = node.snapshot();
            checks.add(new Check(seen.equals(expected), node.name() + " converged on the final config (" + seen.size() + " keys)"));
        }
        return ScenarioResult.of(checks);
    }
}
