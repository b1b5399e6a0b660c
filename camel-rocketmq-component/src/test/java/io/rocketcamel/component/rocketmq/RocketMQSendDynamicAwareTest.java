package io.rocketcamel.component.rocketmq;

import org.apache.camel.spi.SendDynamicAware.DynamicAwareEntry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RocketMQSendDynamicAwareTest {

    private final RocketMQSendDynamicAware aware = new RocketMQSendDynamicAware();

    /** The resolved topic is replaced where it stands, also when the scheme holds it (topic mq, rocket, e, ...). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "rocketmq:orders-eu?tags=A  | rocketmq:orders-${header.region}?tags=A | rocketmq:orders-${header.region}?tags=A",
            "rocketmq:mq?tags=A         | rocketmq:${header.topic}?tags=A         | rocketmq:${header.topic}?tags=A",
            "rocketmq://rocket          | rocketmq://${header.topic}              | rocketmq://${header.topic}",
            "rocketmq:e                 | rocketmq:${header.topic}                | rocketmq:${header.topic}" })
    void theStaticUriIsTheResolvedOneWithItsTopicUnresolved(String uri, String originalUri, String staticUri) {
        assertThat(aware.resolveStaticUri(null, new DynamicAwareEntry(uri, originalUri, null, null))).isEqualTo(staticUri);
    }
}
