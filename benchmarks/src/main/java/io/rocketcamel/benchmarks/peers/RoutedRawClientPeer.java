package io.rocketcamel.benchmarks.peers;

import java.util.List;

import io.rocketcamel.benchmarks.BrokerStore;
import io.rocketcamel.benchmarks.Workload;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * The raw client inside Camel routes, the same routes and callers as the components': it sends from a route's
 * processor, and its consumer hands each message to a route as an exchange, as a component's consumer does. The least
 * a Camel component can cost: between it and the raw client lies what Camel's routing costs; between it and ours,
 * what our component costs.
 */
final class RoutedRawClientPeer extends CamelPeer {

    private static final String ORDER_KEY = "benchmarkOrderKey";

    RoutedRawClientPeer(BrokerStore store, CamelContext camel) {
        super(store, camel);
    }

    @Override
    public String id() {
        return "raw-in-route";
    }

    @Override
    public String label() {
        return "raw client in a Camel route";
    }

    @Override
    public String unsupported(Workload workload) {
        return workload.ours().isEmpty() ? null : "the client has no automatic batching";
    }

    @Override
    SendStep sendStep(Workload workload, String topic) throws Exception {
        RawClientPeer.RawSender sender = new RawClientPeer.RawSender(
                RawClientPeer.producer(store, workload, "raw-in-route-" + topic), topic, workload.send());
        boolean completesOnCaller = workload.send() != Workload.SendMode.ASYNC;
        AsyncProcessor send = new AsyncProcessorSupport() {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                Object body = exchange.getMessage().getBody();
                String orderKey = exchange.getMessage().getHeader(ORDER_KEY, String.class);
                try {
                    sender.send(body, orderKey, failure -> {
                        if (failure != null) {
                            exchange.setException(failure);
                        }
                        if (!completesOnCaller) {
                            callback.done(false);
                        }
                    });
                } catch (Exception e) {
                    exchange.setException(e);
                    callback.done(true);
                    return true;
                }
                if (completesOnCaller) {
                    callback.done(true);
                }
                return completesOnCaller;
            }
        };
        return new SendStep(route -> route.process(send), sender::close);
    }

    @Override
    String consumerUri(String topic, String group, boolean orderly) {
        return "direct:" + group;
    }

    /** A raw push consumer that runs each message through the route as its own exchange and acknowledges it after. */
    @Override
    AutoCloseable feed(Consumer route, String topic, String group, boolean orderly) throws Exception {
        DefaultMQPushConsumer consumer = RawClientPeer.consumer(store, topic, group);
        if (orderly) {
            consumer.registerMessageListener((MessageListenerOrderly) (messages, context) ->
                    routeAll(route, messages) ? ConsumeOrderlyStatus.SUCCESS : ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT);
        } else {
            consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) ->
                    routeAll(route, messages) ? ConsumeConcurrentlyStatus.CONSUME_SUCCESS : ConsumeConcurrentlyStatus.RECONSUME_LATER);
        }
        consumer.start();
        return consumer::shutdown;
    }

    private static boolean routeAll(Consumer route, List<MessageExt> messages) {
        for (MessageExt message : messages) {
            Exchange exchange = route.createExchange(false);
            exchange.getMessage().setBody(message.getBody());
            try {
                route.getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            boolean failed = exchange.getException() != null;
            route.releaseExchange(exchange, false);
            if (failed) {
                return false;
            }
        }
        return true;
    }

    @Override
    String orderKeyHeader() {
        return ORDER_KEY;
    }
}
