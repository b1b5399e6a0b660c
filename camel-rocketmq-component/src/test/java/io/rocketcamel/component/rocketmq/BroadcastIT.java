package io.rocketcamel.component.rocketmq;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BroadcastIT extends RocketMQITSupport {

    @Test
    void everyConsumerOfTheGroupGetsEveryMessageAndKeepsOffsetsInTheChosenDirectory() throws Exception {
        // Not a @TempDir: the consumers persist their offsets once more while the context closes after the test,
        // which raced JUnit's deletion of the directory.
        Path offsets = Files.createTempDirectory(Path.of("target"), "broadcast-offsets-");
        String topic = topic("config", 4);
        String uri = "rocketmq:" + topic + "?consumerGroup=" + unique("nodes")
                     + "&messageModel=BROADCASTING&consumeFromWhere=FIRST_OFFSET&offsetStoreDir=" + offsets;
        Map<String, Set<String>> receivedBy = new ConcurrentHashMap<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                for (int node = 0; node < 3; node++) {
                    String name = "node-" + node;
                    receivedBy.put(name, ConcurrentHashMap.newKeySet());
                    from(uri).routeId(name).process(e -> receivedBy.get(name).add(text(e.getMessage().getBody())));
                }
            }
        });

        List<String> sent = IntStream.range(0, 30).mapToObj(i -> "update-" + i).toList();
        sent.forEach(body -> template.sendBody("rocketmq:" + topic, body));

        await().atMost(seconds(20)).until(() -> receivedBy.values().stream().allMatch(s -> s.size() >= sent.size()));
        assertThat(receivedBy).hasSize(3)
                .allSatisfy((node, bodies) -> assertThat(bodies).containsExactlyInAnyOrderElementsOf(sent));
        await().atMost(seconds(15)).until(() -> offsetFiles(offsets).size() == 3);
    }

    private static List<Path> offsetFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).collect(Collectors.toList());
        }
    }
}
