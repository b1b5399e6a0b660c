package io.rocketcamel.component.rocketmq.consumer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rocketcamel.component.rocketmq.RocketMQHeaderFilterStrategy;
import io.rocketcamel.component.rocketmq.internal.HeaderMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.ServiceState;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** No broker: the name server address leads nowhere, so a reply's send fails; what matters is the clients left. */
class ReplySenderTest {

    private final CamelContext context = new DefaultCamelContext();
    private final List<DefaultMQProducer> clients = new CopyOnWriteArrayList<>();
    private final ReplySender replies = new ReplySender(() -> {
        DefaultMQProducer client = new DefaultMQProducer("reply-sender-test");
        client.setNamesrvAddr("127.0.0.1:1");
        client.setSendMsgTimeout(500);
        clients.add(client);
        return client;
    }, new HeaderMapper(new RocketMQHeaderFilterStrategy()), 4 * 1024 * 1024);

    @AfterEach
    void close() throws Exception {
        replies.close();
        clients.forEach(DefaultMQProducer::shutdown);
        context.close();
    }

    /**
     * A route that outlived its consumer's stop still replies, but the client it starts for that must not outlive the
     * reply: nothing would stop it (its threads, its connections, its group registration) until the JVM ends.
     */
    @Test
    void aReplyAfterTheCloseLeavesNoClientRunning() {
        replies.close();
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody("late answer");

        assertThatThrownBy(() -> replies.reply(request(), exchange)).isNotNull();

        assertThat(clients).isNotEmpty().allSatisfy(client -> assertThat(client.getDefaultMQProducerImpl()
                .getServiceState()).isEqualTo(ServiceState.SHUTDOWN_ALREADY));
    }

    private static Message request() {
        Message request = new Message("requests", "question".getBytes());
        MessageAccessor.putProperty(request, MessageConst.PROPERTY_CLUSTER, "DefaultCluster");
        MessageAccessor.putProperty(request, MessageConst.PROPERTY_MESSAGE_REPLY_TO_CLIENT, "requester@1");
        MessageAccessor.putProperty(request, MessageConst.PROPERTY_CORRELATION_ID, "c-1");
        MessageAccessor.putProperty(request, MessageConst.PROPERTY_MESSAGE_TTL, "10000");
        return request;
    }
}
