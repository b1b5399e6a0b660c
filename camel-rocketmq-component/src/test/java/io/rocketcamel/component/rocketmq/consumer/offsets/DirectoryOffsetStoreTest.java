package io.rocketcamel.component.rocketmq.consumer.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.rocketmq.client.consumer.store.ReadOffsetType;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A broadcast node's offset file that is JSON but holds no offset table (another tool's file, a hand edit) was read
 * as an empty table: the node started afresh at consumeFromWhere (the end, by default), skipping what was sent while
 * it was down, and the file was overwritten.
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

    @Test
    void anEmptyOffsetTableIsANodeWithoutQueuesYet() throws Exception {
        Path file = Files.writeString(directory.resolve("orders@node.json"), "{\"offsetTable\":{}}");
        DirectoryOffsetStore store = new DirectoryOffsetStore(file, queue -> NEW_NODE_START);
        store.load();

        assertThat(store.readOffset(QUEUE, ReadOffsetType.READ_FROM_STORE)).isEqualTo(NEW_NODE_START);
    }
}
