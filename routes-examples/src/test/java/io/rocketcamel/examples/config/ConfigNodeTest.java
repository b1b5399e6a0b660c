package io.rocketcamel.examples.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigNodeTest {

    @TempDir
    Path dir;

    @Test
    void aNewerVersionWinsWhateverTheOrderTheUpdatesCameIn() {
        ConfigNode node = new ConfigNode("node", dir);
        node.apply(new ConfigUpdate("timeout", "5s", 2));
        node.apply(new ConfigUpdate("timeout", "1s", 1));
        node.apply(new ConfigUpdate("retries", "3", 1));

        assertThat(node.snapshot()).isEqualTo(Map.of("timeout", "5s", "retries", "3"));
    }

    /**
     * Two updates of one key with one version (two publishers, or a version reused by mistake) were kept in the order
     * they came, which broadcasting does not make the same on every node: the nodes kept different values for good.
     */
    @Test
    void twoUpdatesOfOneVersionLeaveEveryNodeWithTheSameValueWhateverTheirOrder() {
        ConfigNode first = new ConfigNode("first", dir);
        first.apply(new ConfigUpdate("timeout", "5s", 2));
        first.apply(new ConfigUpdate("timeout", "1s", 2));
        ConfigNode second = new ConfigNode("second", dir);
        second.apply(new ConfigUpdate("timeout", "1s", 2));
        second.apply(new ConfigUpdate("timeout", "5s", 2));

        assertThat(first.snapshot()).isEqualTo(second.snapshot());
    }

    /**
     * An update whose JSON has no version was read as version 0, which every kept version beats: a node that had the key
     * ignored it without a word. It is refused as it is read (the node's route parks it on the dead letters with the
     * reason), as is one without a key.
     */
    @Test
    void anUpdateWithoutAVersionOrAKeyIsRefusedNamingWhatIsMissing() {
        ObjectMapper json = new ObjectMapper();

        assertThatThrownBy(() -> json.readValue("{\"key\": \"timeout\", \"value\": \"1s\"}", ConfigUpdate.class))
                .isInstanceOf(JsonProcessingException.class).hasMessageContaining("timeout").hasMessageContaining("version");
        assertThatThrownBy(() -> json.readValue("{\"value\": \"1s\", \"version\": 3}", ConfigUpdate.class))
                .isInstanceOf(JsonProcessingException.class).hasMessageContaining("key");
    }

    @Test
    void aNodeMadeAgainOnTheSameDirectoryStartsWithTheConfigItKept() {
        ConfigNode before = new ConfigNode("node", dir);
        before.apply(new ConfigUpdate("timeout", "5s", 2));
        before.apply(new ConfigUpdate("retries", "3", 1));

        ConfigNode afterRestart = new ConfigNode("node", dir);
        afterRestart.apply(new ConfigUpdate("timeout", "1s", 1));

        assertThat(afterRestart.snapshot()).isEqualTo(Map.of("timeout", "5s", "retries", "3"));
        assertThat(new ConfigNode("other-node", dir).snapshot()).isEmpty();
    }

    @Test
    void anUpdateThatCannotBeKeptFailsSoItsOffsetStays() throws Exception {
        Path gone = dir.resolve("gone");
        ConfigNode node = new ConfigNode("node", gone);

        assertThatThrownBy(() -> node.apply(new ConfigUpdate("timeout", "5s", 1)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("Cannot keep config node node's config in " + gone.resolve("node.json"));
        assertThat(node.snapshot()).as("not applied in memory either").isEmpty();

        // the consumer retries the update once the directory is back: it must reach the file this time
        Files.createDirectories(gone);
        node.apply(new ConfigUpdate("timeout", "5s", 1));
        assertThat(new ConfigNode("node", gone).snapshot()).isEqualTo(Map.of("timeout", "5s"));
    }

    @Test
    void anUnreadableConfigFileIsNamedAtStart() throws Exception {
        Files.writeString(dir.resolve("node.json"), "{not json");

        assertThatThrownBy(() -> new ConfigNode("node", dir))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("Cannot read the config kept in " + dir.resolve("node.json"));
    }
}
