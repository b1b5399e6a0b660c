package io.rocketcamel.component.rocketmq.producer;

import java.util.ArrayList;
import java.util.List;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.component.rocketmq.internal.Namespaces;
import org.apache.camel.Exchange;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.producer.RecallMessageHandle;

/**
 * The RECALL operation: a timer message not yet delivered is withdrawn through the handle its send returned
 * ({@link RocketMQConstants#RECALL_HANDLE}, several separated by commas for a list body), so its consumers never see
 * it. The broker needs {@code recallMessageEnable=true}.
 */
final class Recall {

    static final String SEND = "SEND";
    static final String RECALL = "RECALL";

    private final DefaultMQProducer client;
    private final String namespace;

    Recall(DefaultMQProducer client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** Whether the operation header asks for a recall rather than a send. */
    static boolean requested(String operation) {
        if (operation == null || SEND.equalsIgnoreCase(operation)) {
            return false;
        }
        if (RECALL.equalsIgnoreCase(operation)) {
            return true;
        }
        throw new UnsendableMessageException("Header " + RocketMQConstants.OPERATION + "=" + operation
                                             + " is not an operation: SEND (the default) or RECALL");
    }

    /** Recalls the handle(s) in the exchange; the recalled message ids end up in {@code CamelRocketMQMessageId}. */
    void recall(Exchange exchange, String topic) throws Exception {
        String handles = exchange.getMessage().getHeader(RocketMQConstants.RECALL_HANDLE, String.class);
        if (handles == null || handles.isBlank()) {
            throw new UnsendableMessageException(RocketMQConstants.OPERATION + "=RECALL needs the recall handle in header "
                                                 + RocketMQConstants.RECALL_HANDLE + ", as the send of a timer message"
                                                 + " (delay or " + RocketMQConstants.DELIVER_TIME + ") set it");
        }
        String brokerTopic = Namespaces.wrap(namespace, topic);
        List<String> recalled = new ArrayList<>();
        for (String handle : handles.split(",")) {
            String handleTopic = topicOf(handle.trim());
            if (!brokerTopic.equals(handleTopic)) {
                throw new UnsendableMessageException("The recall handle is for topic " + handleTopic + ", not " + brokerTopic
                                                     + ": recall it through an endpoint of its topic");
            }
            recalled.add(client.recallMessage(topic, handle.trim()));
        }
        exchange.getMessage().setHeader(RocketMQConstants.MESSAGE_ID, String.join(",", recalled));
    }

    private static String topicOf(String handle) {
        try {
            return ((RecallMessageHandle.HandleV1) RecallMessageHandle.decodeHandle(handle)).getTopic();
        } catch (Exception e) {
            throw new UnsendableMessageException("Header " + RocketMQConstants.RECALL_HANDLE + "=" + handle
                                                 + " is not a recall handle (" + e.getMessage() + ")", e);
        }
    }
}
