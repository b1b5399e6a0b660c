package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import com.google.common.hash.Hashing;
import org.apache.camel.builder.RouteBuilder;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * messageGroup sends as a RocketMQ 5 SDK producer's FIFO message arrives through the proxy: the group in the message's
 * group property and the queue the proxy picks for it.
 */
class MessageGroupIT extends RocketMQITSupport {

    @Test
    void aGroupsMessagesGoToTheProxysQueueForItCarryTheGroupAndKeepTheirOrder() throws Exception {
        String topic = topic("groups", 4);
        Map<String, List<String>> byGroup = new ConcurrentHashMap<>();
        Map<String, Integer> queueOfGroup = new ConcurrentHashMap<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g") + "&consumeMode=ORDERLY").process(e -> {
                    String group = e.getMessage().getHeader(RocketMQConstants.MESSAGE_GROUP, String.class);
                    byGroup.computeIfAbsent(group, k -> new CopyOnWriteArrayList<>()).add(text(e.getMessage().getBody()));
                    queueOfGroup.put(group, e.getMessage().getHeader(RocketMQConstants.QUEUE_ID, Integer.class));
                });
            }
        });
        List<String> groups = IntStream.range(0, 8).mapToObj(i -> "customer-" + i).toList();
        for (int i = 0; i < 5; i++) {
            for (String group : groups) {
                // synchronous and asynchronous sends of one group go to its one queue
                String mode = i % 2 == 0 ? "SYNC" : "ASYNC";
                template.sendBodyAndHeader("rocketmq:" + topic + "?messageGroup=$<header.customer>&sendMode=" + mode,
                        group + "/" + i, "customer", group);
            }
        }

        await().atMost(seconds(20)).until(() -> byGroup.values().stream().mapToInt(List::size).sum() == 40);
        assertThat(byGroup).containsOnlyKeys(groups);
        for (String group : groups) {
            assertThat(byGroup.get(group)).as(group).containsExactly(group + "/0", group + "/1", group + "/2", group + "/3",
                    group + "/4");
            // the proxy's choice: Guava's consistent hash of the group's hash code over the 4 queues
            assertThat(queueOfGroup.get(group)).as(group).isEqualTo(Hashing.consistentHash(group.hashCode(), 4));
        }
        List<MessageExt> stored = IntStream.range(0, 4).boxed().flatMap(q -> storedMessages(topic, q).stream()).toList();
        assertThat(stored).hasSize(40).allSatisfy(m -> assertThat(m.getProperty(MessageConst.PROPERTY_SHARDING_KEY))
                .isEqualTo(text(m.getBody()).split("/")[0]));
    }
}
