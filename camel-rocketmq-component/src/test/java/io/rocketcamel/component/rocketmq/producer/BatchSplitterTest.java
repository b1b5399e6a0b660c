package io.rocketcamel.component.rocketmq.producer;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageBatch;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchSplitterTest {

    private static List<Message> messages(int count, int bodySize) {
        return IntStream.range(0, count).mapToObj(i -> new Message("t", new byte[bodySize])).toList();
    }

    @Test
    void smallMessagesFitOneBatch() throws Exception {
        List<Message> batches = BatchSplitter.split(messages(1000, 10), 4 * 1024 * 1024, null);
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).isInstanceOf(MessageBatch.class);
        assertThat(MessageDecoder.decodeMessages(java.nio.ByteBuffer.wrap(batches.get(0).getBody()))).hasSize(1000);
    }

    @Test
    void batchesStayUnderTheMaximumAndKeepEveryMessageInOrder() throws Exception {
        int max = 10_000;
        List<Message> input = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Message m = new Message("t", new byte[300]);
            m.getBody()[0] = (byte) i;
            input.add(m);
        }
        List<Message> batches = BatchSplitter.split(input, max, null);

        assertThat(batches).hasSizeGreaterThan(3);
        List<Byte> order = new ArrayList<>();
        for (Message batch : batches) {
            assertThat(batch.getBody().length).isLessThanOrEqualTo(max);
            for (Message m : MessageDecoder.decodeMessages(java.nio.ByteBuffer.wrap(batch.getBody()))) {
                order.add(m.getBody()[0]);
            }
        }
        assertThat(order).containsExactlyElementsOf(IntStream.range(0, 100).mapToObj(i -> (byte) i).toList());
    }

    @Test
    void aMessageAboveTheMaximumIsRejected() {
        assertThatThrownBy(() -> BatchSplitter.split(messages(1, 5000), 4000, null))
                .hasMessageContaining("more than maxMessageSize=4000");
    }

    /**
     * Its body fits maxMessageSize, its batch entry (properties and entry overhead added) does not: it is sent as it
     * is, between the batches of the messages around it, which are not packed across it.
     */
    @Test
    void aMessageWhoseBatchEntryIsOverTheMaximumIsSentOnItsOwnInItsPlace() throws Exception {
        int max = 4000;
        Message large = new Message("t", new byte[max]);
        List<Message> input = List.of(new Message("t", new byte[] { 1 }), new Message("t", new byte[] { 2 }), large,
                new Message("t", new byte[] { 3 }));

        List<Message> sent = BatchSplitter.split(input, max, "ns");

        assertThat(sent).hasSize(3);
        assertThat(MessageDecoder.decodeMessages(java.nio.ByteBuffer.wrap(sent.get(0).getBody())))
                .extracting(m -> m.getBody()[0]).containsExactly((byte) 1, (byte) 2);
        // a plain message, whose namespace the client applies when it sends it
        assertThat(sent.get(1)).isSameAs(large).isNotInstanceOf(MessageBatch.class);
        assertThat(sent.get(1).getTopic()).isEqualTo("t");
        assertThat(MessageDecoder.decodeMessages(java.nio.ByteBuffer.wrap(sent.get(2).getBody())))
                .extracting(m -> m.getBody()[0]).containsExactly((byte) 3);
    }

    @Test
    void namespaceIsApplied() {
        List<Message> batches = BatchSplitter.split(messages(2, 1), 1000, "ns");
        assertThat(batches.get(0).getTopic()).isEqualTo("ns%t");
    }
}
