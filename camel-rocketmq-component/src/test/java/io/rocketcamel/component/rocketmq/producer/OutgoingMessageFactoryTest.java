package io.rocketcamel.component.rocketmq.producer;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import io.rocketcamel.component.rocketmq.internal.ConsumedOrigin;
import io.rocketcamel.component.rocketmq.internal.HeaderMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.apache.camel.support.DefaultExchange;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageBatch;
import org.apache.rocketmq.common.message.MessageConst;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutgoingMessageFactoryTest {

    /** A deliver time a day ahead, within the brokers' 3-day limit, in whole seconds (as its text form has them). */
    private static final long AT = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS)
            .toEpochMilli();
    private static final String AT_TEXT = Instant.ofEpochMilli(AT).toString();

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    private OutgoingMessages create(String uri, Exchange exchange) throws InvalidPayloadException {
        RocketMQEndpoint endpoint = context.getEndpoint(uri, RocketMQEndpoint.class);
        RocketMQConfiguration c = endpoint.getConfiguration();
        return new OutgoingMessageFactory(c, endpoint.getKeys(), endpoint.getOrderKey(), endpoint.getMessageGroup(),
                endpoint.getTags(), new HeaderMapper(c.getHeaderFilterStrategy()))
                .create(exchange, endpoint.getTopicName());
    }

    private Exchange exchange(Object body) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    @Test
    void optionsDescribeTheMessage() throws Exception {
        Exchange exchange = exchange("hello");
        exchange.getMessage().setHeader("id", "o-1");
        OutgoingMessages out = create("rocketmq:t?tags=ERROR&keys=$<header.id>&orderKey=${header.id}&delayLevel=2", exchange);

        Message message = out.messages().get(0);
        assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(message.getTopic()).isEqualTo("t");
        assertThat(message.getTags()).isEqualTo("ERROR");
        assertThat(message.getKeys()).isEqualTo("o-1");
        assertThat(message.getDelayTimeLevel()).isEqualTo(2);
        assertThat(message.getUserProperty("id")).isEqualTo("o-1");
        assertThat(out.queueKey()).isEqualTo(QueueKey.orderKey("o-1"));
    }

    @Test
    void headersOverrideOptions() throws Exception {
        Exchange exchange = exchange("x");
        exchange.getMessage().setHeader(RocketMQConstants.TAGS, "WARN");
        exchange.getMessage().setHeader(RocketMQConstants.KEYS, "k2");
        exchange.getMessage().setHeader(RocketMQConstants.ORDER_KEY, "other");
        exchange.getMessage().setHeader(RocketMQConstants.DELIVER_TIME, AT);
        OutgoingMessages out = create("rocketmq:t?tags=ERROR&keys=k1&orderKey=o", exchange);

        Message message = out.messages().get(0);
        assertThat(message.getTags()).isEqualTo("WARN");
        assertThat(message.getKeys()).isEqualTo("k2");
        assertThat(message.getDeliverTimeMs()).isEqualTo(AT);
        assertThat(out.queueKey()).isEqualTo(QueueKey.orderKey("other"));
    }

    /** As RocketMQ's Message.setKeys(Collection) takes them; converted by Camel they were one text, "[o-1, c-7]". */
    @Test
    void aKeysHeaderThatIsACollectionOrAnArrayIsTheKeysSeparatedBySpaces() throws Exception {
        for (Object keys : List.of(List.of("o-1", "c-7"), new String[] { "o-1", "c-7" })) {
            Exchange exchange = exchange("x");
            exchange.getMessage().setHeader(RocketMQConstants.KEYS, keys);
            assertThat(create("rocketmq:t", exchange).messages().get(0).getKeys()).as("%s", keys).isEqualTo("o-1 c-7");
        }
        // a missing or blank key is no key: they were indexed as the keys "null" and ""
        Exchange gaps = exchange("x");
        gaps.getMessage().setHeader(RocketMQConstants.KEYS, Arrays.asList("o-1", null, " ", "c-7"));
        assertThat(create("rocketmq:t", gaps).messages().get(0).getKeys()).isEqualTo("o-1 c-7");
        Exchange none = exchange("x");
        none.getMessage().setHeader(RocketMQConstants.KEYS, Arrays.asList(null, ""));
        assertThat(create("rocketmq:t", none).messages().get(0).getKeys()).isNull();
    }

    /**
     * A key that chooses the queue is one value: a list was hashed as its text, "[o-1, o-2]", so every message with
     * those keys shared one queue and one order whatever each element meant.
     */
    @Test
    void anOrderKeyOrMessageGroupThatIsSeveralValuesIsRefused() {
        for (String header : List.of(RocketMQConstants.ORDER_KEY, RocketMQConstants.MESSAGE_GROUP)) {
            for (Object value : List.of(List.of("o-1", "o-2"), new String[] { "o-1", "o-2" })) {
                Exchange exchange = exchange("x");
                exchange.getMessage().setHeader(header, value);
                assertThatThrownBy(() -> create("rocketmq:t", exchange)).as("%s %s", header, value)
                        .isInstanceOf(UnsendableMessageException.class)
                        .hasMessageContainingAll("Header " + header, "2 values", "one value");
            }
        }
        Exchange exchange = exchange("x");
        exchange.getMessage().setHeader("ids", List.of("o-1", "o-2"));
        assertThatThrownBy(() -> create("rocketmq:t?orderKey=$<header.ids>", exchange))
                .isInstanceOf(UnsendableMessageException.class)
                .hasMessageContainingAll("Option orderKey=$<header.ids>", "2 values", "one value");
        assertThatThrownBy(() -> create("rocketmq:t?messageGroup=$<header.ids>", exchange))
                .isInstanceOf(UnsendableMessageException.class)
                .hasMessageContainingAll("Option messageGroup=$<header.ids>", "2 values", "one value");
    }

    /** As the keys header: the option's expression giving a list was indexed as the keys "[o-1," and "o-2]". */
    @Test
    void aKeysOptionGivingSeveralValuesIsThoseKeys() throws Exception {
        Exchange exchange = exchange("x");
        exchange.getMessage().setHeader("ids", List.of("o-1", "o-2"));
        assertThat(create("rocketmq:t?keys=$<header.ids>", exchange).messages().get(0).getKeys()).isEqualTo("o-1 o-2");
    }

    /** "*" is the consumers' every tag, no tag of its own: sent as one, it reached only the consumers of every tag. */
    @Test
    void theWildcardIsNoTagToSend() {
        Exchange exchange = exchange("x");
        exchange.getMessage().setHeader(RocketMQConstants.TAGS, "*");
        assertThatThrownBy(() -> create("rocketmq:t", exchange)).isInstanceOf(UnsendableMessageException.class)
                .hasMessageContainingAll("Header CamelRocketMQTags=*", "every tag");
        assertThatThrownBy(() -> context.getEndpoint("rocketmq:t?tags=*", RocketMQEndpoint.class).createProducer())
                .hasMessageContainingAll("Option tags=*", "every tag");
    }

    @Test
    void delayOptionSetsADelayTheBrokerCountsOnItsOwnClock() throws Exception {
        Message message = create("rocketmq:t?delay=90s", exchange("x")).messages().get(0);
        assertThat(message.getDelayTimeMs()).isEqualTo(90_000);
        assertThat(message.getDeliverTimeMs()).as("no time of this host's clock").isZero();
    }

    @Test
    void aConsumedDelayLevelIsNotSentAgain() throws Exception {
        Exchange exchange = exchange("forwarded");
        exchange.getMessage().setHeader(RocketMQConstants.DELAY_LEVEL, 5);
        assertThat(create("rocketmq:t", exchange).messages().get(0).getDelayTimeLevel()).isZero();
        exchange.getMessage().setHeader(RocketMQConstants.OVERRIDE_DELAY_LEVEL, 2);
        assertThat(create("rocketmq:t", exchange).messages().get(0).getDelayTimeLevel()).isEqualTo(2);
    }

    @Test
    void delayLevelHeaderOutOfRangeFails() {
        Exchange exchange = exchange("x");
        exchange.getMessage().setHeader(RocketMQConstants.OVERRIDE_DELAY_LEVEL, 30);
        assertThatThrownBy(() -> create("rocketmq:t", exchange)).hasMessageContaining("CamelRocketMQOverrideDelayLevel=30")
                .hasMessageContaining("1 to 18");
    }

    /** Camel's converters read 2.7 as level 2, and a long beyond an int's range wrapped round to a small level. */
    @Test
    void aDelayLevelHeaderThatIsNoWholeLevelFailsNamingIt() {
        for (Object value : List.of("soon", 2.7, 4_294_967_298L, "3.0")) {
            Exchange exchange = exchange("x");
            exchange.getMessage().setHeader(RocketMQConstants.OVERRIDE_DELAY_LEVEL, value);
            assertThatThrownBy(() -> create("rocketmq:t", exchange)).as("%s", value)
                    .isInstanceOf(UnsendableMessageException.class)
                    .hasMessageContainingAll("Header CamelRocketMQOverrideDelayLevel=" + value, "1 to 18");
        }
        Exchange spaced = exchange("x");
        spaced.getMessage().setHeader(RocketMQConstants.OVERRIDE_DELAY_LEVEL, " 3 ");
        assertThatCode(() -> assertThat(create("rocketmq:t", spaced).messages().get(0).getDelayTimeLevel()).isEqualTo(3))
                .doesNotThrowAnyException();
    }

    @Test
    void aDeliverTimeMayBeAnInstantADateOrATextAndOverridesTheDelayOptions() throws Exception {
        long at = AT;
        for (Object value : List.of(Instant.ofEpochMilli(at), new Date(at),
                OffsetDateTime.ofInstant(Instant.ofEpochMilli(at), ZoneOffset.ofHours(2)), AT_TEXT,
                String.valueOf(at))) {
            Exchange exchange = exchange("x");
            exchange.getMessage().setHeader(RocketMQConstants.DELIVER_TIME, value);
            Message message = create("rocketmq:t?delayLevel=3", exchange).messages().get(0);
            assertThat(message.getDeliverTimeMs()).as("from a %s", value.getClass().getSimpleName()).isEqualTo(at);
            assertThat(message.getDelayTimeLevel()).as("the option's level, overridden").isZero();
        }
    }

    @Test
    void aDeliverTimeThatIsNoTimeFailsNamingTheHeader() {
        // epoch seconds (1970-01-20 read as milliseconds), zero, a type that is no time, a text that is none
        for (Object value : List.of(1_718_000_000L, 0L, new Object(), "tomorrow")) {
            Exchange exchange = exchange("x");
            exchange.getMessage().setHeader(RocketMQConstants.DELIVER_TIME, value);
            assertThatThrownBy(() -> create("rocketmq:t", exchange)).as("%s", value)
                    .isInstanceOf(UnsendableMessageException.class)
                    .hasMessageContainingAll("Header CamelRocketMQDeliverTime=", "epoch milliseconds");
        }
    }

    /** The brokers refuse it: unseen one-way, and in a list after the messages before it were stored. */
    @Test
    void aDeliverTimeLaterThanMaxDelayAllowsFailsNamingIt() throws Exception {
        Exchange exchange = exchange("x");
        exchange.getMessage().setHeader(RocketMQConstants.DELIVER_TIME, Instant.now().plus(Duration.ofDays(4)));
        assertThatThrownBy(() -> create("rocketmq:t", exchange)).isInstanceOf(UnsendableMessageException.class)
                .hasMessageContainingAll("Header CamelRocketMQDeliverTime=", "maxDelay=PT72H");
        assertThat(create("rocketmq:t?maxDelay=PT120H", exchange).messages().get(0).getDeliverTimeMs()).isPositive();
    }

    /** Level 0 says "no delay"; it cancelled the delayLevel option but not the delay option. */
    @Test
    void aDelayLevelHeaderOfZeroCancelsEitherDelayOption() throws Exception {
        for (String uri : List.of("rocketmq:t?delay=5s", "rocketmq:t?delayLevel=3")) {
            Exchange exchange = exchange("x");
            exchange.getMessage().setHeader(RocketMQConstants.OVERRIDE_DELAY_LEVEL, 0);
            OutgoingMessages out = create(uri, exchange);
            assertThat(out.delayed()).as(uri).isFalse();
            assertThat(out.messages().get(0).getDelayTimeMs()).as(uri).isZero();
            assertThat(out.messages().get(0).getDelayTimeLevel()).as(uri).isZero();
        }
    }

    @Test
    void aDeliverTimeAndADelayLevelHeaderTogetherFail() {
        Exchange exchange = exchange("x");
        exchange.getMessage().setHeader(RocketMQConstants.DELIVER_TIME, AT);
        exchange.getMessage().setHeader(RocketMQConstants.OVERRIDE_DELAY_LEVEL, 2);
        assertThatThrownBy(() -> create("rocketmq:t", exchange)).isInstanceOf(UnsendableMessageException.class)
                .hasMessageContainingAll("CamelRocketMQDeliverTime", "CamelRocketMQOverrideDelayLevel", "only one");
    }

    @Test
    void streamBodiesAreRead() throws Exception {
        Message message = create("rocketmq:t", exchange(new ByteArrayInputStream(new byte[] { 7, 8 }))).messages().get(0);
        assertThat(message.getBody()).containsExactly(7, 8);
    }

    @Test
    void anUnconvertibleBodyFailsNamingItsType() {
        assertThatThrownBy(() -> create("rocketmq:t", exchange(new Object() {
        }))).hasStackTraceContaining("Cannot send a body of type io.rocketcamel.component.rocketmq.producer.OutgoingMessageFactoryTest$");
    }

    @Test
    void aNullBodyFails() {
        assertThatThrownBy(() -> create("rocketmq:t", exchange(null))).hasStackTraceContaining("the body is null");
    }

    /** In a list of hundreds, "the body is null" did not say which. */
    @Test
    void aNullElementOfAListFailsNamingItsPlace() {
        assertThatThrownBy(() -> create("rocketmq:t", exchange(Arrays.asList("a", "b", null))))
                .isInstanceOf(UnsendableMessageException.class)
                .hasMessageContaining("Element 3 of 3 of the list body is null");
    }

    /** RocketMQ refuses a single message without a body, but stored one inside a batch. */
    @Test
    void anEmptyBodyFailsAloneAndInAList() {
        assertThatThrownBy(() -> create("rocketmq:t", exchange(""))).hasStackTraceContaining("The message body is empty");
        assertThatThrownBy(() -> create("rocketmq:t", exchange(List.of("a", new byte[0]))))
                .hasStackTraceContaining("The message body is empty");
    }

    @Test
    void aBodyAboveTheMaximumFailsBeforeSending() {
        assertThatThrownBy(() -> create("rocketmq:t?maxMessageSize=10", exchange(new byte[11])))
                .hasMessageContaining("11 bytes, more than maxMessageSize=10");
    }

    @Test
    void aListBodyBecomesBatches() throws Exception {
        OutgoingMessages out = create("rocketmq:t?tags=B", exchange(List.of("a", "b", new byte[] { 1 })));
        assertThat(out.fromList()).isTrue();
        assertThat(out.messages()).singleElement().isInstanceOf(MessageBatch.class);
    }

    @Test
    void aDelayedListIsSentMessageByMessage() throws Exception {
        OutgoingMessages out = create("rocketmq:t?delayLevel=1", exchange(List.of("a", "b")));
        assertThat(out.messages()).hasSize(2).allSatisfy(m -> assertThat(m.getDelayTimeLevel()).isEqualTo(1));
    }

    @Test
    void anEmptyListFails() {
        assertThatThrownBy(() -> create("rocketmq:t", exchange(List.of()))).hasMessageContaining("empty list");
    }

    @Test
    void aMessageGroupIsThePropertyRocketMQ5ReadsAndTheQueueKey() throws Exception {
        Exchange exchange = exchange(List.of("a", "b"));
        exchange.getMessage().setHeader("customer", "c-7");
        OutgoingMessages out = create("rocketmq:t?messageGroup=$<header.customer>", exchange);

        assertThat(out.queueKey()).isEqualTo(QueueKey.messageGroup("c-7"));
        assertThat(((MessageBatch) out.messages().get(0))).allSatisfy(
                m -> assertThat(m.getProperty(MessageConst.PROPERTY_SHARDING_KEY)).isEqualTo("c-7"));

        Exchange overridden = exchange("x");
        overridden.getMessage().setHeader(RocketMQConstants.MESSAGE_GROUP, "c-8");
        assertThat(create("rocketmq:t?messageGroup=c-7", overridden).queueKey()).isEqualTo(QueueKey.messageGroup("c-8"));
    }

    private org.apache.camel.Message element(String body, String header, String value) {
        DefaultMessage message = new DefaultMessage(context);
        message.setBody(body);
        message.setHeader(header, value);
        return message;
    }

    /** A list of Camel messages (a consumed batch forwarded whole): each element's expressions read its own headers. */
    @Test
    void aListOfCamelMessagesGoesKeyByKeyInTheOrderTheKeysFirstAppear() throws Exception {
        Exchange exchange = exchange(List.of(element("a-0", "id", "a"), element("b-0", "id", "b"),
                element("a-1", "id", "a"), element("c-0", "id", "c"), element("b-1", "id", "b")));
        exchange.getMessage().setHeader("region", "eu");
        OutgoingMessages out = create("rocketmq:t?orderKey=$<header.id>&keys=$<header.id>-$<header.region>", exchange);

        assertThat(out.queueKeys()).containsExactly(QueueKey.orderKey("a"), QueueKey.orderKey("b"), QueueKey.orderKey("c"));
        assertThat(out.messages()).extracting(m -> bodies(m)).containsExactly(List.of("a-0", "a-1"),
                List.of("b-0", "b-1"), List.of("c-0"));
        assertThat(((MessageBatch) out.messages().get(0))).extracting(Message::getKeys).containsOnly("a-eu");
        assertThat(out.byDestination()).extracting(OutgoingMessages::queueKey)
                .containsExactly(QueueKey.orderKey("a"), QueueKey.orderKey("b"), QueueKey.orderKey("c"));
        assertThat(out.ordered()).isTrue();
        assertThat(out.severalDestinations()).isTrue();
    }

    /** Messages of one key naming different topics (as camel-kafka reads them per element) go apart, topic by topic. */
    @Test
    void aListsMessagesOfOneKeyGoTopicByTopicWhereTheyNameTheirOwn() throws Exception {
        Exchange exchange = exchange(List.of(element("a-0", RocketMQConstants.OVERRIDE_TOPIC, "audit"),
                element("a-1", "id", "a"), element("a-2", RocketMQConstants.OVERRIDE_TOPIC, "audit")));
        exchange.getMessage().setHeader("id", "a");
        OutgoingMessages out = create("rocketmq:t?orderKey=$<header.id>", exchange);

        assertThat(out.messages()).extracting(Message::getTopic).containsExactly("audit", "t");
        assertThat(out.messages()).extracting(m -> bodies(m)).containsExactly(List.of("a-0", "a-2"), List.of("a-1"));
        assertThat(out.queueKeys()).containsOnly(QueueKey.orderKey("a"));
        assertThat(out.severalDestinations()).isTrue();
        assertThat(out.byDestination()).extracting(part -> part.messages().get(0).getTopic()).containsExactly("audit", "t");
    }

    /**
     * RocketMQ Messages of a list body were used as given: an empty body was stored, a null one failed with a
     * NullPointerException (retried by error handlers as any failure), and the given objects were changed in place
     * (their topic), so one list sent to two endpoints at once could go to the wrong topic.
     */
    @Test
    void rocketMQMessagesOfAListAreCheckedAndCopiedNotChanged() throws Exception {
        Message empty = new Message("x", new byte[0]);
        assertThatThrownBy(() -> create("rocketmq:t", exchange(List.of(rocketMQMessage("a"), empty))))
                .isInstanceOf(InvalidPayloadException.class)
                .hasRootCauseInstanceOf(UnsendableMessageException.class).hasRootCauseMessage(
                        "The message body is empty: a RocketMQ message needs at least one byte");
        Message noBody = new Message();
        noBody.setTopic("x");
        assertThatThrownBy(() -> create("rocketmq:t", exchange(List.of(noBody))))
                .isInstanceOf(InvalidPayloadException.class).hasRootCauseInstanceOf(UnsendableMessageException.class);

        Message given = new Message("elsewhere", "TAG-A", "k-1", "a".getBytes(StandardCharsets.UTF_8));
        given.putUserProperty("region", "eu");
        Message sent = create("rocketmq:t", exchange(List.of(given))).messages().get(0);
        assertThat(given.getTopic()).as("the caller's message").isEqualTo("elsewhere");
        assertThat(bodies(sent)).containsExactly("a");

        // a message carrying its own delay level cannot join a RocketMQ batch: sent alone, not refused by the client
        Message delayedGiven = new Message("elsewhere", "b".getBytes(StandardCharsets.UTF_8));
        delayedGiven.setDelayTimeLevel(3);
        OutgoingMessages out = create("rocketmq:t", exchange(List.of(delayedGiven, rocketMQMessage("c"))));
        assertThat(out.delayed()).isTrue();
        assertThat(out.messages()).extracting(Message::getDelayTimeLevel).containsExactly(3, 0);
    }

    private static Message rocketMQMessage(String body) {
        return new Message("x", body.getBytes(StandardCharsets.UTF_8));
    }

    /** A list of delayed tasks, each due at its own time: each message its own delivery, none packed into a batch. */
    @Test
    void aListsMessagesNamingTheirDeliveryAreSentAloneEachWithItsOwn() throws Exception {
        Exchange exchange = exchange(List.of(element("at", RocketMQConstants.DELIVER_TIME, AT_TEXT),
                element("level", RocketMQConstants.OVERRIDE_DELAY_LEVEL, "3"), element("now", "id", "a")));
        OutgoingMessages out = create("rocketmq:t", exchange);

        assertThat(out.delayed()).isTrue();
        assertThat(out.messages()).extracting(m -> bodies(m)).containsExactly(List.of("at"), List.of("level"), List.of("now"));
        assertThat(out.messages()).extracting(Message::getDeliverTimeMs).containsExactly(AT, 0L, 0L);
        assertThat(out.messages()).extracting(Message::getDelayTimeLevel).containsExactly(0, 3, 0);
    }

    private static List<String> bodies(Message message) {
        if (message instanceof MessageBatch batch) {
            List<String> bodies = new ArrayList<>();
            batch.forEach(m -> bodies.add(new String(m.getBody(), StandardCharsets.UTF_8)));
            return bodies;
        }
        return List.of(new String(message.getBody(), StandardCharsets.UTF_8));
    }

    @Test
    void eachElementKeepsItsOwnMessageGroupHeader() throws Exception {
        OutgoingMessages out = create("rocketmq:t", exchange(List.of(
                element("x", RocketMQConstants.MESSAGE_GROUP, "g-1"), element("y", RocketMQConstants.MESSAGE_GROUP, "g-2"))));

        assertThat(out.queueKeys()).containsExactly(QueueKey.messageGroup("g-1"), QueueKey.messageGroup("g-2"));
        assertThat(out.messages()).extracting(m -> ((MessageBatch) m).iterator().next()
                .getProperty(MessageConst.PROPERTY_SHARDING_KEY)).containsExactly("g-1", "g-2");
    }

    /**
     * Camel's GroupedExchangeAggregationStrategy leaves a List of exchanges: each is sent as its message, as camel-kafka
     * sends them. It failed as a body Camel cannot convert to bytes.
     */
    @Test
    void aListOfExchangesSendsEachExchangesMessage() throws Exception {
        Exchange first = exchange("a-0");
        first.getMessage().setHeader("id", "a");
        Exchange second = exchange("b-0");
        second.getMessage().setHeader("id", "b");
        OutgoingMessages out = create("rocketmq:t?orderKey=$<header.id>", exchange(List.of(first, second)));

        assertThat(out.queueKeys()).containsExactly(QueueKey.orderKey("a"), QueueKey.orderKey("b"));
        assertThat(out.messages()).extracting(m -> bodies(m)).containsExactly(List.of("a-0"), List.of("b-0"));
        assertThat(out.messages()).extracting(m -> ((MessageBatch) m).iterator().next().getUserProperty("id"))
                .containsExactly("a", "b");
    }

    @Test
    void anElementWhoseOrderKeyEvaluatesToNothingFailsTheList() {
        Exchange exchange = exchange(List.of(element("a-0", "id", "a"), element("none", "other", "x")));
        assertThatThrownBy(() -> create("rocketmq:t?orderKey=$<header.id>", exchange))
                .isInstanceOf(UnsendableMessageException.class)
                .hasMessageContaining("orderKey=$<header.id> evaluated to no value for a message of the exchange's list body");
    }

    @Test
    void aListOfPlainBodiesKeepsTheExchangesOneKey() throws Exception {
        Exchange exchange = exchange(List.of("a", "b"));
        exchange.getMessage().setHeader("id", "o-1");
        OutgoingMessages out = create("rocketmq:t?orderKey=$<header.id>", exchange);
        assertThat(out.severalDestinations()).isFalse();
        assertThat(out.queueKey()).isEqualTo(QueueKey.orderKey("o-1"));
    }

    @Test
    void anExchangeWithBothAMessageGroupAndAnOrderKeyFails() {
        Exchange exchange = exchange("x");
        exchange.getMessage().setHeader(RocketMQConstants.MESSAGE_GROUP, "c-1");
        assertThatThrownBy(() -> create("rocketmq:t?orderKey=o-1", exchange)).isInstanceOf(UnsendableMessageException.class)
                .hasMessageContainingAll("message group (c-1)", "order key (o-1)", "set only one");
    }

    @Test
    void aTagsHeaderWithSeveralTagsFails() {
        Exchange exchange = exchange("x");
        exchange.getMessage().setHeader(RocketMQConstants.TAGS, "A||B");
        assertThatThrownBy(() -> create("rocketmq:t", exchange)).isInstanceOf(UnsendableMessageException.class)
                .hasMessageContainingAll("Header CamelRocketMQTags=A||B", "one tag");
    }

    /**
     * A message has one tag, compared as text with a subscription's trimmed tags: a list became "[A]", an array its
     * identity text, and " A " stayed padded; each was stored and reached no consumer of tag A.
     */
    @Test
    void aTagsHeaderThatIsNoSingleTrimmedTagFails() {
        for (Object tags : new Object[] { List.of("A"), new String[] { "A" } }) {
            Exchange exchange = exchange("x");
            exchange.getMessage().setHeader(RocketMQConstants.TAGS, tags);
            assertThatThrownBy(() -> create("rocketmq:t", exchange)).isInstanceOf(UnsendableMessageException.class)
                    .hasMessageContainingAll("Header CamelRocketMQTags", tags.getClass().getName(), "one tag");
        }
        Exchange padded = exchange("x");
        padded.getMessage().setHeader(RocketMQConstants.TAGS, " A ");
        assertThatThrownBy(() -> create("rocketmq:t", padded)).isInstanceOf(UnsendableMessageException.class)
                .hasMessageContainingAll("Header CamelRocketMQTags= A ", "spaces");
        assertThatThrownBy(() -> context.getEndpoint("rocketmq:t?tags=%20A", RocketMQEndpoint.class).createProducer())
                .hasMessageContainingAll("Option tags= A", "spaces");
        Exchange number = exchange("x");
        number.getMessage().setHeader(RocketMQConstants.TAGS, 42);
        assertThatCode(() -> create("rocketmq:t", number)).doesNotThrowAnyException();
    }

    /**
     * A RocketMQ message a route put in a list is checked as the headers are: its tag, keys and properties held the
     * characters that separate encoded properties, and the broker stored what followed them as properties of their
     * own (approved=true), a tag "A||B" no consumer of A or B receives.
     */
    @Test
    void aRocketMQMessageOfAListIsRefusedWhereItsPropertiesWouldNotSurviveEncoding() {
        Message twoTags = new Message("x", "A||B", "k1", "b".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> create("rocketmq:t", exchange(List.of(twoTags))))
                .isInstanceOf(UnsendableMessageException.class)
                .hasMessageContainingAll("Tag of a RocketMQ message of the exchange's list body=A||B", "one tag");
        Message keys = new Message("x", "A", "k1\u0002approved\u0001true", "b".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> create("rocketmq:t", exchange(List.of(keys))))
                .isInstanceOf(UnsendableMessageException.class).hasMessageContainingAll("KEYS", "\\u0001");
        Message property = new Message("x", "b".getBytes(StandardCharsets.UTF_8));
        property.putUserProperty("note", "hello\u0002role\u0001admin");
        assertThatThrownBy(() -> create("rocketmq:t", exchange(List.of(property))))
                .isInstanceOf(UnsendableMessageException.class).hasMessageContainingAll("note", "\\u0002");
    }

    /** The exchange's charset encodes a text body; a character it cannot encode was sent as '?'. */
    @Test
    void aTextBodyIsEncodedInTheExchangesCharsetOrRefusedWhereItCannotBe() throws Exception {
        Exchange latin = exchange("é");
        latin.setProperty(Exchange.CHARSET_NAME, "ISO-8859-1");
        assertThat(create("rocketmq:t", latin).messages().get(0).getBody()).containsExactly(0xe9);

        Exchange euro = exchange("é€");
        euro.setProperty(Exchange.CHARSET_NAME, "ISO-8859-1");
        assertThatThrownBy(() -> create("rocketmq:t", euro)).hasRootCauseInstanceOf(UnsendableMessageException.class)
                .hasStackTraceContaining("ISO-8859-1").hasStackTraceContaining("cannot encode");

        Exchange unknown = exchange("text");
        unknown.getMessage().setHeader(Exchange.CHARSET_NAME, "NO-SUCH-CHARSET");
        assertThatThrownBy(() -> create("rocketmq:t", unknown)).hasRootCauseInstanceOf(UnsendableMessageException.class)
                .hasStackTraceContaining("NO-SUCH-CHARSET");

        assertThat(create("rocketmq:t", exchange("é€")).messages().get(0).getBody())
                .isEqualTo("é€".getBytes(StandardCharsets.UTF_8));
    }

    /** A stream is read once: the bytes it gave become the body, so a redelivery or a second endpoint sends them. */
    @Test
    void aStreamBodyReadIsReplacedByItsBytes() throws Exception {
        Exchange exchange = exchange(new ByteArrayInputStream(new byte[] { 7, 8 }));
        create("rocketmq:t", exchange);
        assertThat(exchange.getMessage().getBody()).isEqualTo(new byte[] { 7, 8 });
        assertThat(create("rocketmq:t", exchange).messages().get(0).getBody()).containsExactly(7, 8);
    }

    @Test
    void anOrderKeyOrMessageGroupOptionThatEvaluatesToNothingFails() {
        // sent to any queue, the message would silently lose its order
        assertThatThrownBy(() -> create("rocketmq:t?orderKey=$<header.orderId>", exchange("x")))
                .isInstanceOf(UnsendableMessageException.class)
                .hasMessageContainingAll("orderKey=$<header.orderId>", "no value", "CamelRocketMQOrderKey");
        assertThatThrownBy(() -> create("rocketmq:t?messageGroup=${header.customer}", exchange("x")))
                .isInstanceOf(UnsendableMessageException.class)
                .hasMessageContainingAll("messageGroup=${header.customer}", "no value", "CamelRocketMQMessageGroup");
    }

    /**
     * A blank key header (an upstream setHeader whose value was missing) was taken as the key "": every such message
     * went to one queue, in one order with all others missing theirs, while the option's expression fails for no value.
     */
    @Test
    void aBlankOrderKeyOrMessageGroupHeaderFails() {
        for (String header : List.of(RocketMQConstants.ORDER_KEY, RocketMQConstants.MESSAGE_GROUP)) {
            for (String uri : List.of("rocketmq:t", "rocketmq:t?orderKey=o-1")) {
                Exchange exchange = exchange("x");
                exchange.getMessage().setHeader(header, " ");
                assertThatThrownBy(() -> create(uri, exchange)).as("%s on %s", header, uri)
                        .isInstanceOf(UnsendableMessageException.class)
                        .hasMessageContainingAll("Header " + header + " is blank", "remove the header");
            }
        }
    }

    /** As the header: a blank key put every such message in one queue's order. */
    @Test
    void anOrderKeyOrMessageGroupOptionThatEvaluatesBlankFails() {
        for (String option : List.of("orderKey", "messageGroup")) {
            Exchange exchange = exchange("x");
            exchange.getMessage().setHeader("customer", "");
            assertThatThrownBy(() -> create("rocketmq:t?" + option + "=$<header.customer>", exchange)).as(option)
                    .isInstanceOf(UnsendableMessageException.class)
                    .hasMessageContaining(option + "=$<header.customer> evaluated to no value");
        }
    }

    /**
     * An empty tags header (an upstream value that was missing) was sent as the tag "", in place of the endpoint's
     * tags: no consumer can subscribe to "", so every group filtering by tag skipped the message and moved past it.
     */
    @Test
    void aBlankTagsHeaderFails() {
        for (String uri : List.of("rocketmq:t", "rocketmq:t?tags=ERROR")) {
            for (String blank : List.of("", " ")) {
                Exchange exchange = exchange("x");
                exchange.getMessage().setHeader(RocketMQConstants.TAGS, blank);
                assertThatThrownBy(() -> create(uri, exchange)).as("'%s' on %s", blank, uri)
                        .isInstanceOf(UnsendableMessageException.class)
                        .hasMessageContainingAll("Header " + RocketMQConstants.TAGS + " is blank", "remove the header");
            }
        }
    }

    /**
     * A consumed message whose tag is "" (another client's setTags("")), forwarded by an endpoint without tags, keeps
     * it as before: the blank header refused above is one the route set, not the consumed message's own.
     */
    @Test
    void aConsumedBlankTagForwardedIsKept() throws Exception {
        Exchange exchange = exchange("x");
        DefaultMessage consumed = new ConsumedWithBlankTag(context);
        consumed.setBody("x");
        consumed.setHeader(RocketMQConstants.TAGS, "");
        exchange.setIn(consumed);

        assertThat(create("rocketmq:t", exchange).messages().get(0).getTags()).isEmpty();
        assertThat(create("rocketmq:t?tags=billed", exchange).messages().get(0).getTags()).isEqualTo("billed");
    }

    private static final class ConsumedWithBlankTag extends DefaultMessage implements ConsumedOrigin {

        ConsumedWithBlankTag(CamelContext context) {
            super(context);
        }

        @Override
        public String consumedMessageId() {
            return "7F0000011F8A18B4AAC2";
        }

        @Override
        public String consumedTags() {
            return "";
        }

        @Override
        public String consumedKeys() {
            return null;
        }

        @Override
        public String consumedMessageGroup() {
            return null;
        }
    }

    @Test
    void propertiesAreMeasuredEncodedNotByCharacters() throws Exception {
        // 16,000 ASCII characters: above the limit by the 3-bytes-a-character bound, below it encoded
        Exchange ascii = exchange("x");
        ascii.getMessage().setHeader("note", "a".repeat(16_000));
        assertThat(create("rocketmq:t", ascii).messages().get(0).getUserProperty("note")).hasSize(16_000);

        // 10,800 euro signs are 32,400 bytes in UTF-8: over the 32,255 bytes left for user properties
        Exchange euros = exchange("x");
        euros.getMessage().setHeader("note", "\u20ac".repeat(10_800));
        assertThatThrownBy(() -> create("rocketmq:t", euros)).isInstanceOf(UnsendableMessageException.class)
                .hasMessageContaining("take 32");
    }
}
