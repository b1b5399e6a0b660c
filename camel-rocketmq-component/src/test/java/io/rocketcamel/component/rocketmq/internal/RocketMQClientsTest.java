package io.rocketcamel.component.rocketmq.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RocketMQClientsTest {

    @Test
    void tagsTakeCommasOrRocketMQsOwnSeparator() {
        assertThat(RocketMQClients.subscriptionTags(null)).isEqualTo("*");
        assertThat(RocketMQClients.subscriptionTags(" ")).isEqualTo("*");
        assertThat(RocketMQClients.subscriptionTags("ERROR")).isEqualTo("ERROR");
        assertThat(RocketMQClients.subscriptionTags("ERROR,WARN")).isEqualTo("ERROR || WARN");
        assertThat(RocketMQClients.subscriptionTags(" ERROR , WARN ,")).isEqualTo("ERROR || WARN");
        assertThat(RocketMQClients.subscriptionTags("ERROR||WARN")).isEqualTo("ERROR || WARN");
        assertThat(RocketMQClients.subscriptionTags("ERROR || WARN")).isEqualTo("ERROR || WARN");
    }
}
