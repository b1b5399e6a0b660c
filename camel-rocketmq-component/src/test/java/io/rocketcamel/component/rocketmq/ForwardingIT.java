package io.rocketcamel.component.rocketmq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.ToIntBiFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.processor.aggregate.GroupedExchangeAggregationStrategy;
import org.apache.camel.support.DefaultMessage;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.store.PutMessageStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.apache.camel.builder.Builder.body;
import static org.apache.camel.builder.Builder.constant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A route that forwards what it consumed to another rocketmq endpoint: our consumer puts the consumed tag and message
 * group in the headers a producer reads as instructions. Still holding the consumed value, they are where the message
 * came from, and the forwarding endpoint's own tags, messageGroup or orderKey win; a value the route set wins over the
 * endpoint's, as before.
 */
class ForwardingIT extends RocketMQITSupport {

    /**
     * Stages of one topic told apart by tag: the consumed tag used to win over the forwarding endpoint's tags option,
     * so the stage consumed its own output again and again, and the next stage never got it.
     */
    @Test
    void aForwardingEndpointsTagsOptionWinsOverTheConsumedTag() throws Exception {
        String events = topic("fwd-stages", 1);
        List<String> billed = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + events + "?tags=created&consumerGroup=" + unique("billing"))
                        .to("rocketmq:" + events + "?tags=billed");
                from("rocketmq:" + events + "?tags=billed&consumerGroup=" + unique("shipping"))
                        .process(e -> billed.add(text(e.getMessage().getBody())));
            }
        });

        template.sendBody("rocketmq:" + events + "?tags=created", "order-1");

        await().atMost(seconds(20)).until(() -> billed.contains("order-1"));
        await().during(Duration.ofSeconds(3)).atMost(seconds(5)).until(() -> broker.messageCount(events) == 2);
        assertThat(broker.messages(events)).extracting(MessageExt::getTags).containsExactly("created", "billed");
    }

    /** Starts a route that consumes {@code fromUri} in a group of its own and forwards through {@code steps}. */
    private void forwarding(String fromUri, Consumer<RouteDefinition> steps) throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                steps.accept(from(fromUri + (fromUri.contains("?") ? "&" : "?") + "consumerGroup=" + unique("g")));
            }
        });
    }

    /** A batch consumer's messages, split into exchanges of their own (and copied by a multicast), keep their origin. */
    @Test
    void aSplitBatchsMessagesForwardWithTheEndpointsTag() throws Exception {
        String in = topic("fwd-batch", 1);
        String out = topic("fwd-batch-out", 1);
        forwarding("rocketmq:" + in + "?consumeBatchSize=4", route -> route
                .split(body()).multicast().to("rocketmq:" + out + "?tags=billed"));

        template.sendBody("rocketmq:" + in + "?tags=created", List.of("order-5", "order-6"));

        assertThat(broker.awaitMessages(out, 2, seconds(20))).extracting(MessageExt::getTags)
                .containsExactly("billed", "billed");
    }

    /**
     * A batch consumer's exchange forwarded whole: its body, a List of Camel messages, failed every send with "No type
     * converter ... from ConsumedMessage to byte[]", so a route could only forward a batch by splitting it. Each message
     * now goes out with its own body, keys and user headers, as a split forward sends it.
     */
    @Test
    void aConsumedBatchForwardedWholeSendsEachMessageWithItsOwnBodyAndHeaders() throws Exception {
        String in = topic("fwd-whole-batch", 1);
        String out = topic("fwd-whole-batch-out", 1);
        forwarding("rocketmq:" + in + "?consumeBatchSize=4", route -> route
                .setHeader("stage", constant("billing")).to("rocketmq:" + out + "?tags=billed"));

        for (int i = 1; i <= 3; i++) {
            int n = i;
            template.send("rocketmq:" + in + "?tags=created", e -> {
                e.getMessage().setBody("order-" + n);
                e.getMessage().setHeader(RocketMQConstants.KEYS, "o-" + n);
                e.getMessage().setHeader("amount", n * 10);
            });
        }

        List<MessageExt> forwarded = broker.awaitMessages(out, 3, seconds(20));
        assertThat(forwarded).extracting(m -> text(m.getBody())).containsExactly("order-1", "order-2", "order-3");
        assertThat(forwarded).extracting(MessageExt::getKeys).containsExactly("o-1", "o-2", "o-3");
        assertThat(forwarded).extracting(m -> m.getUserProperty("amount")).containsExactly("10", "20", "30");
        assertThat(forwarded).extracting(MessageExt::getTags).containsOnly("billed");
        assertThat(forwarded).extracting(m -> m.getUserProperty("stage")).containsOnly("billing");
    }

    /**
     * An ORDERLY batch consumer forwarding whole to an endpoint with an order key: the key was read from the batch's
     * exchange, which has none of its messages' headers, so every forward failed ("evaluated to no value") and the
     * queue stayed blocked. Each message now goes to the queue of its own key, on every send path, and in its key's
     * order on every path but ONEWAY (which guarantees no order: one-way sends of consecutive exchanges may overtake).
     */
    @ParameterizedTest
    @ValueSource(strings = { "sendMode=SYNC", "sendMode=ASYNC", "sendMode=ASYNC&batchSize=8", "sendMode=ONEWAY" })
    void aConsumedBatchForwardedWholeSendsEachMessageToItsOwnKeysQueue(String sending) throws Exception {
        String in = topic("fwd-keyed", 1);
        String out = topic("fwd-keyed-out", 4);
        forwarding("rocketmq:" + in + "?consumeMode=ORDERLY&consumeBatchSize=8", route -> route
                .to("rocketmq:" + out + "?orderKey=$<header.orderId>&" + sending));

        List<String> sent = sendInterleaved(in, "?orderKey=$<header.orderId>", "orderId");

        List<MessageExt> forwarded = broker.awaitMessages(out, sent.size(), seconds(30));
        assertEachKeyInItsQueue(forwarded, "orderId", OrderKeyQueueSelector::queueIndex, !sending.endsWith("ONEWAY"));
    }

    /**
     * Consumed FIFO messages (RocketMQ 5 message groups) of a batch forwarded whole to an endpoint without a queue key:
     * the batch's exchange has no message group, so the client spread the batches round robin and a group's messages
     * landed in several queues, out of their order downstream. Each now keeps its consumed group, as a single forwarded
     * message does.
     */
    @Test
    void aConsumedBatchForwardedWholeKeepsEachMessagesGroup() throws Exception {
        String in = topic("fwd-groups", 1);
        String out = topic("fwd-groups-out", 4);
        forwarding("rocketmq:" + in + "?consumeMode=ORDERLY&consumeBatchSize=8", route -> route.to("rocketmq:" + out));

        List<String> sent = sendInterleaved(in, "?messageGroup=$<header.group>", "group");

        List<MessageExt> forwarded = broker.awaitMessages(out, sent.size(), seconds(30));
        assertThat(forwarded).allSatisfy(m -> assertThat(m.getProperty(MessageConst.PROPERTY_SHARDING_KEY))
                .isEqualTo(m.getUserProperty("group")));
        assertEachKeyInItsQueue(forwarded, "group", MessageGroupQueueSelector::queueIndex, true);
    }

    /**
     * Camel's GroupedExchangeAggregationStrategy leaves a List of exchanges: it failed as a body Camel cannot convert
     * to bytes (or, with an order key, as a key that evaluated to nothing). Each exchange's message is now sent, with
     * its own headers and key, as camel-kafka sends such a list.
     */
    @Test
    void aListOfAggregatedExchangesSendsEachExchangesMessage() throws Exception {
        String out = topic("fwd-aggregated", 4);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:aggregate").aggregate(constant(true), new GroupedExchangeAggregationStrategy())
                        .completionSize(4).to("rocketmq:" + out + "?orderKey=$<header.orderId>");
            }
        });

        for (int n = 0; n < 2; n++) {
            for (int k = 0; k < 4; k++) {
                template.sendBodyAndHeader("direct:aggregate", "k" + k + "-" + n, "orderId", "k" + k);
            }
        }

        List<MessageExt> sent = broker.awaitMessages(out, 8, seconds(20));
        assertThat(sent).allSatisfy(m -> {
            String key = m.getUserProperty("orderId");
            assertThat(text(m.getBody())).startsWith(key + "-");
            assertThat(m.getQueueId()).isEqualTo(OrderKeyQueueSelector.queueIndex(key, 4));
        });
        assertThat(sent).extracting(m -> text(m.getBody())).containsExactlyInAnyOrder("k0-0", "k1-0", "k2-0", "k3-0",
                "k0-1", "k1-1", "k2-1", "k3-1");
    }

    /**
     * A list of several keys whose second key's messages are refused: the failed exchange names exactly what was
     * stored. SYNC sends key by key and stops at the failure; the lanes (ASYNC, batchSize) take every key's messages
     * at once, so the third key's are stored too.
     */
    @ParameterizedTest
    @ValueSource(strings = { "sendMode=SYNC", "sendMode=ASYNC", "sendMode=ASYNC&batchSize=8" })
    void aListOfSeveralKeysFailingMidwayNamesWhatWasStored(String sending) {
        String out = topic("fwd-keyed-fail", 4);
        List<String> keys = IntStream.range(0, 64).mapToObj(k -> "k" + k)
                .filter(distinctBy(key -> OrderKeyQueueSelector.queueIndex(key, 4))).limit(3).toList();
        int refused = OrderKeyQueueSelector.queueIndex(keys.get(1), 4);
        refuseStoring(m -> m.getTopic().equals(out) && m.getQueueId() == refused, PutMessageStatus.MESSAGE_ILLEGAL);
        List<org.apache.camel.Message> list = new ArrayList<>();
        for (int n = 0; n < 2; n++) {
            for (String key : keys) {
                org.apache.camel.Message element = new DefaultMessage(context);
                element.setBody(key + "-" + n);
                element.setHeader("orderId", key);
                list.add(element);
            }
        }
        List<String> storedKeys = sending.equals("sendMode=SYNC") ? List.of(keys.get(0)) : List.of(keys.get(0), keys.get(2));
        List<String> expected = storedKeys.stream().flatMap(key -> Stream.of(key + "-0", key + "-1")).toList();

        Exchange failed = template.send("rocketmq:" + out + "?orderKey=$<header.orderId>&" + sending,
                e -> e.getMessage().setBody(list));

        assertThat(failed.getException()).isNotNull();
        List<MessageExt> stored = broker.awaitMessages(out, expected.size(), seconds(10));
        await().during(Duration.ofSeconds(1)).atMost(seconds(3)).until(() -> broker.messageCount(out) == expected.size());
        assertThat(stored).extracting(m -> text(m.getBody())).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(failed.getMessage().getHeader(RocketMQConstants.MESSAGE_ID, String.class).split(","))
                .containsExactlyInAnyOrderElementsOf(stored.stream().map(MessageExt::getMsgId).toList());
    }

    /**
     * Lists of several keys through the lanes while the send buffer is full: a key's messages joined their lane from
     * the previous key's completion, on the client's callback thread, and waited there for buffer room, which only
     * those callbacks free. The room of the whole list is now taken once, by the caller, who waits as for any exchange.
     */
    @Test
    void listsOfSeveralKeysWaitForBufferRoomOnTheCallersThread() throws Exception {
        String out = topic("fwd-keyed-buffer", 8);
        AsyncProducer producer = context.getEndpoint("rocketmq:" + out + "?orderKey=$<header.orderId>&sendMode=ASYNC"
                                                     + "&batchSize=8&sendBufferBytes=12000&sendTimeout=3000")
                .createAsyncProducer();
        producer.start();
        String body = "x".repeat(1000);
        List<Exchange> done = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Exchange> sent = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
            List<org.apache.camel.Message> list = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                org.apache.camel.Message element = new DefaultMessage(context);
                element.setBody(body + n);
                element.setHeader("orderId", "k" + k);
                list.add(element);
            }
            Exchange exchange = producer.getEndpoint().createExchange();
            exchange.getMessage().setBody(list);
            sent.add(exchange);
            producer.process(exchange, doneSync -> done.add(exchange));
        }

        await().atMost(seconds(60)).until(() -> done.size() == sent.size());
        assertThat(sent).allSatisfy(e -> assertThat(e.getException()).as("failure of a list").isNull());
        assertThat(broker.awaitMessages(out, 40 * 8, seconds(20))).hasSize(40 * 8);
        producer.stop();
    }

    private static <T> java.util.function.Predicate<T> distinctBy(java.util.function.Function<T, Object> by) {
        java.util.Set<Object> seen = new java.util.HashSet<>();
        return each -> seen.add(by.apply(each));
    }

    private static final int KEYS = 8;
    private static final int PER_KEY = 6;

    /** Sends the messages of several keys interleaved (k0-0, k1-0, ..., k0-1, ...), each key in header {@code header}. */
    private List<String> sendInterleaved(String topic, String keyOption, String header) {
        List<String> sent = new ArrayList<>();
        for (int n = 0; n < PER_KEY; n++) {
            for (int k = 0; k < KEYS; k++) {
                String key = "k" + k;
                String body = key + "-" + n;
                template.sendBodyAndHeader("rocketmq:" + topic + keyOption, body, header, key);
                sent.add(body);
            }
        }
        return sent;
    }

    private static void assertEachKeyInItsQueue(List<MessageExt> forwarded, String header,
                                                ToIntBiFunction<String, Integer> queueIndex,
                                                boolean inOrder) {
        assertThat(forwarded).hasSize(KEYS * PER_KEY);
        Map<String, List<MessageExt>> byKey = forwarded.stream().collect(
                Collectors.groupingBy(m -> m.getUserProperty(header)));
        assertThat(byKey).hasSize(KEYS);
        byKey.forEach((key, messages) -> {
            assertThat(messages).as("queues of %s", key).extracting(MessageExt::getQueueId)
                    .containsOnly(queueIndex.applyAsInt(key, 4));
            List<String> expected = IntStream.range(0, PER_KEY).mapToObj(n -> key + "-" + n).toList();
            List<String> stored = messages.stream().sorted(Comparator.comparingLong(MessageExt::getQueueOffset))
                    .map(m -> text(m.getBody())).toList();
            if (inOrder) {
                assertThat(stored).as("order of %s", key).containsExactlyElementsOf(expected);
            } else {
                assertThat(stored).as("messages of %s", key).containsExactlyInAnyOrderElementsOf(expected);
            }
        });
    }

    /** Apache camel-rocketmq's override header, in a route moved from it, used to be dropped beside a consumed tag. */
    @ParameterizedTest
    @ValueSource(strings = { RocketMQConstants.TAGS, "CamelRockerMQOverrideTag" })
    void aTagTheRouteSetsWinsOverTheConsumedTagAndTheEndpointsOption(String header) throws Exception {
        String in = topic("fwd-in", 1);
        String out = topic("fwd-out", 1);
        forwarding("rocketmq:" + in, route -> route
                .setHeader(header, constant("urgent"))
                .to("rocketmq:" + out + "?tags=normal"));

        template.sendBody("rocketmq:" + in + "?tags=created", "order-2");

        assertThat(broker.awaitMessages(out, 1, seconds(20))).extracting(MessageExt::getTags).containsExactly("urgent");
    }

    /** Consumed keys travel on unless the forwarding endpoint names its own (a request's keys do: ReplyToTopic ITs). */
    @Test
    void consumedKeysTravelOnUnlessTheEndpointNamesItsOwn() throws Exception {
        String in = topic("fwd-keys", 1);
        String kept = topic("fwd-keys-kept", 1);
        String replaced = topic("fwd-keys-replaced", 1);
        forwarding("rocketmq:" + in, route -> route
                .to("rocketmq:" + kept)
                .to("rocketmq:" + replaced + "?keys=$<header.CamelRocketMQTopic>"));

        template.sendBody("rocketmq:" + in + "?keys=order-4", "order-4");

        assertThat(broker.awaitMessages(kept, 1, seconds(20))).extracting(MessageExt::getKeys).containsExactly("order-4");
        assertThat(broker.awaitMessages(replaced, 1, seconds(20))).extracting(MessageExt::getKeys).containsExactly(in);
    }

    /**
     * A consumed message group (a FIFO message of RocketMQ 5) beside the forwarding endpoint's orderKey: the exchange
     * had both, and every forward failed; beside its messageGroup, the consumed group replaced the endpoint's.
     */
    @Test
    void aForwardingEndpointsQueueKeyWinsOverTheConsumedMessageGroup() throws Exception {
        String in = topic("fwd-fifo", 1);
        String byCustomer = topic("fwd-customer", 4);
        String byWarehouse = topic("fwd-warehouse", 4);
        forwarding("rocketmq:" + in, route -> route
                .setHeader("customer", constant("c-7")).setHeader("warehouse", constant("w-3"))
                .to("rocketmq:" + byCustomer + "?orderKey=$<header.customer>")
                .to("rocketmq:" + byWarehouse + "?messageGroup=$<header.warehouse>"));

        template.sendBody("rocketmq:" + in + "?messageGroup=g-1", "order-3");

        assertThat(broker.awaitMessages(byCustomer, 1, seconds(20))).singleElement()
                .satisfies(m -> assertThat(m.getProperty(MessageConst.PROPERTY_SHARDING_KEY)).isNull());
        assertThat(broker.awaitMessages(byWarehouse, 1, seconds(20))).singleElement()
                .satisfies(m -> assertThat(m.getProperty(MessageConst.PROPERTY_SHARDING_KEY)).isEqualTo("w-3"));
    }

    /** A consumed request stays InOut (Camel's to() keeps the pattern); to(InOnly, ...) forwards it without a reply. */
    @Test
    void aConsumedRequestIsForwardedInOnlyWhenTheRouteSaysSo() throws Exception {
        String rpc = topic("fwd-rpc", 1);
        String audit = topic("fwd-audit", 1);
        forwarding("rocketmq:" + rpc, route -> route
                .to(ExchangePattern.InOnly, "rocketmq:" + audit)
                .setBody(constant("handled")));

        Object reply = template.requestBody("rocketmq:" + rpc, "request-1");

        assertThat(text(reply)).isEqualTo("handled");
        assertThat(broker.awaitMessages(audit, 1, seconds(10))).extracting(m -> text(m.getBody()))
                .containsExactly("request-1");
    }
}
