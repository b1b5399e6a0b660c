package io.rocketcamel.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** docs/spring-boot.md lists every property the starter has, so the guide cannot fall behind the code. */
class SpringBootDocsTest {

    @Test
    void everyPropertyIsDocumented() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "spring-boot.md"));
        Set<String> undocumented = new TreeSet<>();
        ComponentCatalog.starterProperties().keySet().forEach(name -> {
            if (!docs.contains("`" + name + "`")) {
                undocumented.add(name);
            }
        });
        assertThat(undocumented).isEmpty();
        assertThat(docs).contains("`rocketcamel.health.enabled`", "`rocketcamel.metrics.enabled`");
    }
}
