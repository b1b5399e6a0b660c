package io.rocketcamel.component.rocketmq.consumer;

import io.rocketcamel.component.rocketmq.ConsumeMode;
import io.rocketcamel.component.rocketmq.MessageModel;
import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupSubscriptionsTest {

    @Test
    void routesOfAGroupMustAgreeOnTopicFilterModelAndMode() throws Exception {
        RocketMQConfiguration first = consumer("g-agree");
        first.setTags("A || B");
        try (AutoCloseable registered = GroupSubscriptions.register(first, "t", "first")) {
            RocketMQConfiguration sameTags = consumer("g-agree");
            sameTags.setTags("B,A");
            GroupSubscriptions.register(sameTags, "t", "alike").close();

            RocketMQConfiguration orderly = consumer("g-agree");
            orderly.setTags("A,B");
            orderly.setConsumeMode(ConsumeMode.ORDERLY);
            assertThatThrownBy(() -> GroupSubscriptions.register(orderly, "t", "orderly")).hasMessageContaining(
                    "Route orderly cannot consume with consumerGroup=g-agree (topic t, tags=A,B, CLUSTERING, ORDERLY):"
                    + " route first of this JVM consumes with that group (topic t, tags=A,B, CLUSTERING, CONCURRENTLY)");

            RocketMQConfiguration broadcast = consumer("g-agree");
            broadcast.setTags("A,B");
            broadcast.setMessageModel(MessageModel.BROADCASTING);
            assertThatThrownBy(() -> GroupSubscriptions.register(broadcast, "t", "broadcast"))
                    .hasMessageContaining("(topic t, tags=A,B, BROADCASTING, CONCURRENTLY)");

            RocketMQConfiguration sql = consumer("g-agree");
            sql.setSql("a > 1");
            assertThatThrownBy(() -> GroupSubscriptions.register(sql, "t", "sql"))
                    .hasMessageContaining("(topic t, sql=a > 1, CLUSTERING, CONCURRENTLY)");

            RocketMQConfiguration everyTag = consumer("g-agree");
            assertThatThrownBy(() -> GroupSubscriptions.register(everyTag, "t", "every"))
                    .hasMessageContaining("(topic t, every tag, CLUSTERING, CONCURRENTLY)");
        }
        // the first one stopped: the group is free
        assertThatCode(() -> GroupSubscriptions.register(consumer("g-agree"), "other", "later").close())
                .doesNotThrowAnyException();
    }

    @Test
    void aGroupOfAnotherNamespaceOrClusterIsAnotherGroup() throws Exception {
        try (AutoCloseable registered = GroupSubscriptions.register(consumer("g-apart"), "t", "first")) {
            RocketMQConfiguration namespaced = consumer("g-apart");
            namespaced.setNamespace("tenant");
            GroupSubscriptions.register(namespaced, "u", "namespaced").close();
            RocketMQConfiguration elsewhere = consumer("g-apart");
            elsewhere.setNamesrvAddr("127.0.0.2:9876");
            GroupSubscriptions.register(elsewhere, "u", "elsewhere").close();
        }
    }

    @Test
    void aStopLeavesTheOtherRoutesOfTheGroupRegistered() throws Exception {
        GroupSubscriptions.register(consumer("g-stay"), "t", "one");
        GroupSubscriptions.register(consumer("g-stay"), "t", "two").close();
        assertThatThrownBy(() -> GroupSubscriptions.register(consumer("g-stay"), "u", "three"))
                .hasMessageContaining("route one of this JVM");
    }

    private static RocketMQConfiguration consumer(String group) {
        RocketMQConfiguration configuration = new RocketMQConfiguration();
        configuration.setNamesrvAddr("127.0.0.1:9876");
        configuration.setConsumerGroup(group);
        return configuration;
    }
}
