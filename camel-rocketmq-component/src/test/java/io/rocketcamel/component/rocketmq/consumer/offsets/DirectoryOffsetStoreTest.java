package io.rocketcamel.component.rocketmq.consumer.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;

import org.apache.rocketmq.client.consumer.store.ReadOffsetType;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A broadcast node's offset file. One that is JSON but holds no offset table (another tool's file, a hand edit) was
 * read as an empty table: the node started afresh at consumeFromWhere (the end, by default), skipping what was sent
 * while it was down, and the file was overwritten.
 */
class DirectoryOffsetStoreTest {

    private static final long NEW_NODE_START = 777;
    private static final MessageQueue QUEUE = new MessageQueue("orders", "broker-a", 0);

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = { "{}", "{\"offsets\":{\"q0\":12}}" })
    void aFileWithoutAnOffsetTableFailsTheStartNamingIt(String content) throws Exception {
        Path file = Files.writeString(directory.resolve("orders@node.json"), content);
        DirectoryOffsetStore store = new DirectoryOffsetStore(file, queue -> NEW_NODE_START);

        assertThatThrownBy(store::load).hasMessageContaining("Broadcast offset file " + file)
                .hasMessageContaining("holds no offset table");
        assertThat(Files.readString(file)).isEqualTo(content);
    }

    /**
     * The new file replaces the last one by a rename, which is written in the directory: forcing only the file left
     * the rename to the page cache, and a power loss after a node's first write could take the file away, so that the
     * node started again from consumeFromWhere. JFR records every force of a file channel with its path.
     */
    @Test
    void aWriteForcesTheFileAndThenTheDirectoryThatNamesIt() throws Exception {
        Path file = directory.resolve("orders@node.json");
        DirectoryOffsetStore store = new DirectoryOffsetStore(file, queue -> NEW_NODE_START);
        store.load();
        Path events = directory.resolve("forces.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.FileForce").withThreshold(Duration.ZERO);
            recording.start();
            store.readOffset(QUEUE, ReadOffsetType.READ_FROM_STORE);
            store.updateOffset(QUEUE, NEW_NODE_START + 5, false);
            store.persistAll(Set.of(QUEUE));
            recording.stop();
            recording.dump(events);
        }
        List<String> forced = RecordingFile.readAllEvents(events).stream()
                .map(event -> event.getString("path")).toList();

        // the first write (the queue's start) and the second: each the file, then its directory
        String tmp = file.resolveSibling(file.getFileName() + ".tmp").toString();
        assertThat(forced).containsExactly(tmp, directory.toString(), tmp, directory.toString());
        assertThat(store.readOffset(QUEUE, ReadOffsetType.READ_FROM_STORE)).isEqualTo(NEW_NODE_START + 5);
    }

    @Test
    void anEmptyOffsetTableIsANodeWithoutQueuesYet() throws Exception {
        Path file = Files.writeString(directory.resolve("orders@node.json"), "{\"offsetTable\":{}}");
        DirectoryOffsetStore store = new DirectoryOffsetStore(file, queue -> NEW_NODE_START);
        store.load();

        assertThat(store.readOffset(QUEUE, ReadOffsetType.READ_FROM_STORE)).isEqualTo(NEW_NODE_START);
    }
}
