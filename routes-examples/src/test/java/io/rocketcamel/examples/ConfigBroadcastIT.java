package io.rocketcamel.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.rocketcamel.examples.config.ConfigBroadcastDemo;
import io.rocketcamel.examples.config.ConfigBroadcastRoutes;
import io.rocketcamel.examples.config.ConfigNode;
import io.rocketcamel.examples.demo.DemoConsole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ConfigBroadcastIT extends ExamplesITSupport {

    @Autowired
    ConfigBroadcastDemo demo;
    @Autowired
    ConfigBroadcastRoutes routes;

    @Test
    void everyInstanceAppliesEveryUpdateAndConverges() {
        assertPassed(demo.run(new DemoConsole("config-broadcast"), 200));
        assertThat(routes.nodes()).hasSize(3);
        assertThat(routes.nodes()).extracting(ConfigNode::snapshot).allSatisfy(snapshot -> {
            assertThat(snapshot).isEqualTo(routes.nodes().get(0).snapshot());
            assertThat(snapshot).hasSize(10);
        });
    }
}
