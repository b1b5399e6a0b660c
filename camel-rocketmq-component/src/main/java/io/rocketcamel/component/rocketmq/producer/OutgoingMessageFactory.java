package io.rocketcamel.component.rocketmq.producer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.rocketcamel.component.rocketmq.MigrationAliases;
import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.component.rocketmq.internal.ConsumedOrigin;
import io.rocketcamel.component.rocketmq.internal.DelayLevels;
import io.rocketcamel.component.rocketmq.internal.HeaderMapper;
import io.rocketcamel.component.rocketmq.internal.MessageBodies;
import io.rocketcamel.component.rocketmq.internal.OptionExpression;
import io.rocketcamel.component.rocketmq.internal.TopicNames;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageDecoder;

/**
 * Builds the RocketMQ messages of an exchange: body, tags, keys, delay, message group and user properties, with the
 * {@code CamelRocketMQ...} headers overriding the endpoint's options, and the topic and key whose queue each goes to
 * (each Camel message of a list body its own, as when the list is split and sent message by message). Every message is
 * checked against the broker's limits here, before it can join a batch, so one bad exchange fails alone.
 */
public final class OutgoingMessageFactory {

    /** A message's properties are stored with a 16-bit length. */
    static final int MAX_PROPERTIES_BYTES = Short.MAX_VALUE;
    /** Room for the properties the client adds when it sends (unique id, wait flag, transaction and trace flags). */
    static final int CLIENT_PROPERTIES_ALLOWANCE = 512;

    private final RocketMQConfiguration configuration;
    private final OptionExpression keys;
    private final OptionExpression orderKey;
    private final OptionExpression messageGroup;
    /** The tags option when it reads the exchange; a constant tag is the configuration's. */
    private final OptionExpression tags;
    /** How a refusal of an evaluated tag names it, made once. */
    private final String tagsSource;
    private final HeaderMapper headers;

    public OutgoingMessageFactory(RocketMQConfiguration configuration, OptionExpression keys, OptionExpression orderKey,
                                  OptionExpression messageGroup, OptionExpression tags, HeaderMapper headers) {
        this.configuration = configuration;
        this.keys = keys;
        this.orderKey = orderKey;
        this.messageGroup = messageGroup;
        this.tags = tags;
        this.tagsSource = tags == null ? null : "Option " + tags.setting() + ", evaluated as tag";
        this.headers = headers;
        String constantTags = MigrationAliases.sendTags(configuration);
        String refusal = constantTags == null ? null
                : tagRefusal(constantTags, "Option " + (configuration.getTags() != null ? "tags" : "sendTag"));
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
    }

    private static String tagRefusal(String tags, String source) {
        String refusal = oneTagRefusal(tags, source + "=" + tags);
        refusal = refusal != null ? refusal : paddingRefusal(tags, source);
        return refusal != null ? refusal : separatorRefusal(tags, source);
    }

    /** A consumer's subscription trims its tags: a tag sent with spaces around it reached no consumer of that tag. */
    private static String paddingRefusal(String tags, String source) {
        if (tags.isBlank() || tags.trim().equals(tags)) {
            return null;
        }
        return source + "=" + tags + " has spaces around the tag: subscriptions trim theirs, so no consumer of tag "
               + tags.trim() + " would receive it. Send the tag without them";
    }

    /**
     * A sent message has one tag: "A||B" (or "A,B", the consumer's list) became one literal tag that no consumer
     * subscribed to A or B receives, while the broker moved their groups past it.
     */
    private static String oneTagRefusal(String tags, String source) {
        if ("*".equals(tags.trim())) {
            return source + ": \"*\" is the consumers' every tag, no tag of its own; sent, it reached only the"
                   + " consumers of every tag. Send the message's own tag, or none";
        }
        if (tags.indexOf(',') < 0 && !tags.contains("||")) {
            return null;
        }
        return source + ": a sent message has one tag; ',' and '||' separate tags only where a consumer subscribes."
               + " Send one tag (per exchange in header " + RocketMQConstants.TAGS + ")";
    }

    /**
     * RocketMQ encodes a message's properties as one text, each name joined to its value by char 1 and each property
     * ended by char 2. A tag, keys or message group holding them was cut there, and the broker stored what followed as
     * further properties: a value from the data a route was given could set a user header, or a delay, of its choosing.
     */
    private static String separatorRefusal(String value, String source) {
        if (!HeaderMapper.hasSeparator(value)) {
            return null;
        }
        String shown = value.replace("\u0001", "\\u0001").replace("\u0002", "\\u0002");
        return source + "=" + shown + " holds \\u0001 or \\u0002, the characters RocketMQ separates a message's"
               + " properties with: sent, the value would end there and the rest be stored as other properties";
    }

    private static void refuseSeparators(String value, String source) {
        String refusal = separatorRefusal(value, source);
        if (refusal != null) {
            throw new UnsendableMessageException(refusal);
        }
    }

    public OutgoingMessages create(Exchange exchange, String topic) throws InvalidPayloadException {
        org.apache.camel.Message in = exchange.getMessage();
        Delivery delivery = delivery(in);
        if (exchange.getPattern().isOutCapable()) {
            checkReplyCanArrive(delivery);
        }
        boolean delayed = delivery.delayed();
        Object body = in.getBody();
        Collection<?> elements = elementsOf(body);
        if (elements == null) {
            String group = group(exchange, in);
            QueueKey key = queueKey(exchange, in, group);
            Message message = new Message(topic, bytesOf(exchange, in, body));
            describe(exchange, in, message, delivery, group);
            return OutgoingMessages.one(message, key, delayed);
        }
        Map<Destination, List<Message>> byDestination = new LinkedHashMap<>();
        Placement shared = null;
        int place = 0;
        for (Object element : elements) {
            place++;
            if (element == null) {
                throw new UnsendableMessageException("Element " + place + " of " + elements.size() + " of the list body"
                                                     + " is null: every message of a list needs a body");
            }
            // a consumed batch's messages (or any Camel messages, or exchanges as Camel's grouped aggregation leaves
            // them): each with its own body, headers, key, topic and delivery time
            org.apache.camel.Message own = camelMessageOf(element);
            org.apache.camel.Message from = own != null ? own : in;
            if (from == in && shared == null) {
                shared = placement(exchange, in);
            }
            Placement placement = from == in ? shared : placement(exchange, from);
            String messageTopic = from == in ? topic : topicOf(from, topic);
            Delivery messageDelivery = from == in || !namesDelivery(from) ? delivery : delivery(from);
            delayed |= messageDelivery.delayed() || element instanceof Message given && carriesDelay(given);
            Message message = element instanceof Message given ? copyOf(exchange, given, messageTopic)
                    : new Message(messageTopic, from != in ? bytesOf(exchange, from, from.getBody())
                            : MessageBodies.toBytes(exchange, element, configuration.getMaxMessageSize()));
            describe(exchange, from, message, messageDelivery, placement.group());
            byDestination.computeIfAbsent(new Destination(messageTopic, placement.key()), key -> new ArrayList<>())
                    .add(message);
        }
        if (byDestination.isEmpty()) {
            throw new UnsendableMessageException("The body is an empty list: there is no message to send");
        }
        List<Message> toSend = new ArrayList<>(elements.size());
        List<QueueKey> keys = new ArrayList<>(elements.size());
        boolean sentOneByOne = delayed;
        byDestination.forEach((destination, messages) -> {
            List<Message> packed = sentOneByOne ? messages
                    : BatchSplitter.split(messages, configuration.getMaxMessageSize(), configuration.getNamespace());
            toSend.addAll(packed);
            keys.addAll(Collections.nCopies(packed.size(), destination.key()));
        });
        return new OutgoingMessages(toSend, keys, true, delayed);
    }

    /**
     * A Camel message's body as bytes. A body that reads once ({@link MessageBodies#readsOnce}) becomes those bytes,
     * and they are kept with the exchange for that stream: Camel's redelivery gives the next attempt the message as it
     * was before the failed one, the same stream, already read. That attempt failed as an empty body, and a route's
     * handler parked the exchange without its message.
     */
    private byte[] bytesOf(Exchange exchange, org.apache.camel.Message owner, Object body)
            throws InvalidPayloadException {
        if (!MessageBodies.readsOnce(body)) {
            return MessageBodies.toBytes(exchange, body, configuration.getMaxMessageSize());
        }
        StreamRead read = exchange.getProperty(StreamRead.PROPERTY, StreamRead.class);
        byte[] bytes = read != null && read.stream() == body ? read.bytes()
                : MessageBodies.toBytes(exchange, body, configuration.getMaxMessageSize());
        exchange.setProperty(StreamRead.PROPERTY, new StreamRead(body, bytes));
        owner.setBody(bytes);
        return bytes;
    }

    /** The stream body an attempt read, and its bytes. */
    private record StreamRead(Object stream, byte[] bytes) {
        static final String PROPERTY = "CamelRocketMQStreamRead";
    }

    /**
     * A RocketMQ message of a list body, copied with the exchange's topic: the caller's object stays as it is (the
     * same list may go to other endpoints at once), and its body and properties are checked as any body and headers
     * are.
     */
    private Message copyOf(Exchange exchange, Message given, String topic) throws InvalidPayloadException {
        checkProperties(given);
        Message copy = new Message(topic,
                MessageBodies.toBytes(exchange, given.getBody(), configuration.getMaxMessageSize()));
        copy.setFlag(given.getFlag());
        if (given.getProperties() != null) {
            MessageAccessor.setProperties(copy, new HashMap<>(given.getProperties()));
        }
        return copy;
    }

    /**
     * A message a route built itself is sent with its properties as they are, which only their encoding could change:
     * a tag, keys or property holding the separators was cut there, the rest stored as properties of its own
     * (approved=true), and a tag "A||B" reached no consumer of A or B.
     */
    private static void checkProperties(Message given) {
        String what = " of a RocketMQ message of the exchange's list body";
        String refusal = given.getTags() == null ? null : tagRefusal(given.getTags(), "Tag" + what);
        if (refusal != null) {
            throw new UnsendableMessageException(refusal);
        }
        if (given.getProperties() != null) {
            given.getProperties().forEach((name, value) -> {
                refuseSeparators(name, "Property name" + what);
                refuseSeparators(value, "Property " + name + what);
            });
        }
    }

    /** A delay of its own, which RocketMQ batches refuse: the list is then sent message by message. */
    private static boolean carriesDelay(Message given) {
        return given.getDelayTimeLevel() > 0 || given.getProperty(MessageConst.PROPERTY_TIMER_DELIVER_MS) != null
               || given.getProperty(MessageConst.PROPERTY_TIMER_DELAY_MS) != null
               || given.getProperty(MessageConst.PROPERTY_TIMER_DELAY_SEC) != null;
    }

    /**
     * Whether a message of a list names its own delivery (a time, or a delay level), which then replaces the
     * exchange's: as with its topic, a list of delayed tasks each due at its own time is sent as their splits would be.
     */
    private static boolean namesDelivery(org.apache.camel.Message element) {
        return element.getHeader(RocketMQConstants.DELIVER_TIME) != null
               || element.getHeader(RocketMQConstants.OVERRIDE_DELAY_LEVEL) != null;
    }

    /** Where the messages of a list go: a topic, and in it the queue of a key (or any queue, for a null key). */
    private record Destination(String topic, QueueKey key) {
    }

    /**
     * The Camel message of an element of a list body (a Camel message, or an exchange as Camel's grouped aggregation
     * leaves it), whose headers describe that element's message; null for a body (bytes, text, a RocketMQ message...).
     */
    public static org.apache.camel.Message camelMessageOf(Object element) {
        return element instanceof org.apache.camel.Message camel ? camel
                : element instanceof Exchange grouped ? grouped.getMessage() : null;
    }

    /** The topic a message of the list names in its own header (as camel-kafka reads it per element), or the exchange's. */
    private String topicOf(org.apache.camel.Message element, String exchangeTopic) {
        String named = element.getHeader(RocketMQConstants.OVERRIDE_TOPIC, String.class);
        if (named == null) {
            return exchangeTopic;
        }
        String refusal = TopicNames.sendRefusal(named, configuration.getNamespace(),
                "Header " + RocketMQConstants.OVERRIDE_TOPIC + " of a message of the exchange's list body: ");
        if (refusal != null) {
            throw new UnsendableMessageException(refusal);
        }
        return named;
    }

    // A message is made from the exchange's message ("from" is the exchange's), or from a Camel message of its list
    // body, whose own headers come before the exchange's and against which the endpoint's expressions are evaluated.

    /** The element's header when it has it, else the exchange's. */
    private static org.apache.camel.Message headerSource(Exchange exchange, org.apache.camel.Message from,
                                                         String header) {
        org.apache.camel.Message in = exchange.getMessage();
        return from != in && from.getHeader(header) != null ? from : in;
    }

    /** Names what a refusal is about. */
    private static String what(Exchange exchange, org.apache.camel.Message from) {
        return from == exchange.getMessage() ? "the exchange" : "a message of the exchange's list body";
    }

    /**
     * The option's value for the message; null for a blank one, which the caller refuses as no value. For an element,
     * evaluated on a copy of the exchange whose message is a copy of the element with the exchange's other headers: so
     * {@code orderKey=$<header.orderId>} reads each element's orderId, as a split forward would. Copies, as a message
     * given to an exchange becomes that exchange's. Several values are refused: a message takes one (queue key, tag).
     */
    private static String evaluate(OptionExpression option, Exchange exchange, org.apache.camel.Message from) {
        return notBlankText(oneValue(exchange, "Option ", option.setting(), valueFor(option, exchange, from)));
    }

    /** As {@link #evaluate}, for keys: several values are the message's keys. */
    private static String evaluateKeys(OptionExpression option, Exchange exchange, org.apache.camel.Message from) {
        return notBlankText(keysText(exchange, valueFor(option, exchange, from)));
    }

    private static String notBlankText(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static Object valueFor(OptionExpression option, Exchange exchange, org.apache.camel.Message from) {
        org.apache.camel.Message in = exchange.getMessage();
        if (from == in) {
            return option.evaluate(exchange);
        }
        org.apache.camel.Message message = from.copy();
        in.getHeaders().forEach(message.getHeaders()::putIfAbsent);
        Exchange evaluated = exchange.copy();
        evaluated.setIn(message);
        return option.evaluate(evaluated);
    }

    /** The message group a message of a list carries, and the key whose queue it goes to. */
    private record Placement(String group, QueueKey key) {
    }

    private Placement placement(Exchange exchange, org.apache.camel.Message from) {
        String group = group(exchange, from);
        return new Placement(group, queueKey(exchange, from, group));
    }

    /** The message group the message carries: a header the route set (or a consumed one), or the option's value. */
    private String group(Exchange exchange, org.apache.camel.Message from) {
        boolean ownQueueKey = messageGroup != null || orderKey != null
                              || headerSource(exchange, from, RocketMQConstants.ORDER_KEY).getHeader(RocketMQConstants.ORDER_KEY) != null;
        org.apache.camel.Message groupSource = headerSource(exchange, from, RocketMQConstants.MESSAGE_GROUP);
        String groupValue = queueHeader(exchange, groupSource, RocketMQConstants.MESSAGE_GROUP);
        String groupHeader = notBlank(RocketMQConstants.MESSAGE_GROUP,
                instruction(groupSource, RocketMQConstants.MESSAGE_GROUP, groupValue, ownQueueKey));
        String group = groupHeader != null ? groupHeader : messageGroup == null ? null : evaluate(messageGroup, exchange, from);
        if (group != null) {
            refuseSeparators(group, groupHeader != null ? "Header " + RocketMQConstants.MESSAGE_GROUP : "Option messageGroup");
        }
        return group;
    }

    /**
     * The elements of a body that is sent as several messages: a collection or an object array; null for a body sent
     * as one message. Other iterables (a JSON tree, a file path) are one message each, converted as a whole.
     */
    public static Collection<?> elementsOf(Object body) {
        if (body instanceof Collection<?> collection) {
            return collection;
        }
        if (body instanceof Object[] array) {
            return Arrays.asList(array);
        }
        return null;
    }

    /** A message group and an order key both choose the queue, each its own way: one message may name only one. */
    private QueueKey queueKey(Exchange exchange, org.apache.camel.Message from, String group) {
        String order = valueOf(exchange, from, RocketMQConstants.ORDER_KEY, orderKey);
        if (group == null) {
            if (order == null && (orderKey != null || messageGroup != null)) {
                throw noQueueKey(what(exchange, from));
            }
            return QueueKey.orderKey(order);
        }
        if (order != null) {
            String what = what(exchange, from);
            throw new UnsendableMessageException(Character.toUpperCase(what.charAt(0)) + what.substring(1)
                                                 + " has both a message group (" + group + ") and an order key ("
                                                 + order + "): both choose the queue, so set only one ("
                                                 + RocketMQConstants.MESSAGE_GROUP + " or messageGroup, "
                                                 + RocketMQConstants.ORDER_KEY + " or orderKey)");
        }
        return QueueKey.messageGroup(group);
    }

    /**
     * The tags option's value for the message. Untagged, a message meant to have a tag reached no consumer of a tag;
     * and as for a header, a tag that no consumer's subscription could match is refused.
     */
    private String evaluatedTag(Exchange exchange, org.apache.camel.Message from) {
        String tag = evaluate(tags, exchange, from);
        if (tag == null) {
            throw new UnsendableMessageException("Option " + tags.setting() + " evaluated to no value for "
                                                 + what(exchange, from) + ": sent without a tag, the message would"
                                                 + " reach no consumer of a tag (a blank value counts as none). Give it"
                                                 + " what the expression reads, or set header "
                                                 + RocketMQConstants.TAGS);
        }
        String refusal = tagRefusal(tag, tagsSource);
        if (refusal != null) {
            throw new UnsendableMessageException(refusal);
        }
        return tag;
    }

    /** Sent to any queue, the message would silently lose its place in the key's order. */
    private UnsendableMessageException noQueueKey(String what) {
        String option = (orderKey != null ? orderKey : messageGroup).setting();
        String header = orderKey != null ? RocketMQConstants.ORDER_KEY : RocketMQConstants.MESSAGE_GROUP;
        return new UnsendableMessageException("Option " + option + " evaluated to no value for " + what
                                              + ": the message would go to any queue, out of its key's order (a blank"
                                              + " value counts as none). Give it"
                                              + " what the expression reads, or set header " + header);
    }

    private void describe(Exchange exchange, org.apache.camel.Message from, Message message, Delivery delivery,
                          String group) {
        org.apache.camel.Message in = exchange.getMessage();
        String ownTags = tags == null ? MigrationAliases.sendTags(configuration) : evaluatedTag(exchange, from);
        org.apache.camel.Message tagsSource = headerSource(exchange, from, RocketMQConstants.TAGS);
        refuseSeveralTags(tagsSource.getHeader(RocketMQConstants.TAGS));
        String header = instruction(tagsSource, RocketMQConstants.TAGS, ownTags != null);
        // a blank tag the route set, not one a consumed message had (which a forward keeps, as before)
        if (header != null && header.isBlank() && !ConsumedOrigin.holds(tagsSource, RocketMQConstants.TAGS, header)) {
            throw new UnsendableMessageException(ApacheHeaders.named(tagsSource, RocketMQConstants.TAGS)
                                                 + " is blank: a message with a blank tag reaches no consumer that"
                                                 + " subscribes by tag. Set it to the tag, or remove the header"
                                                 + (ownTags != null
                                                 ? " to send tag " + ownTags + " (to send a message without a tag, as"
                                                   + " Apache camel-rocketmq did with an empty override tag, send it"
                                                   + " through an endpoint without tags)" : ""));
        }
        String refusal = header == null ? null : tagRefusal(header, "Header " + RocketMQConstants.TAGS);
        if (refusal != null) {
            throw new UnsendableMessageException(refusal);
        }
        String tags = header != null ? header : ownTags;
        if (tags != null && message.getTags() == null) {
            message.setTags(tags);
        }
        org.apache.camel.Message keysSource = headerSource(exchange, from, RocketMQConstants.KEYS);
        String keysHeader = instruction(keysSource, RocketMQConstants.KEYS, keysHeader(exchange, keysSource),
                keys != null);
        String messageKeys = keysHeader != null ? keysHeader : keys == null ? null : evaluateKeys(keys, exchange, from);
        if (messageKeys != null && message.getKeys() == null) {
            refuseSeparators(messageKeys, keysHeader != null ? "Header " + RocketMQConstants.KEYS : "Option keys");
            message.setKeys(messageKeys);
        }
        delivery.applyTo(message);
        if (group != null) {
            // the property RocketMQ 5 proxies hand to gRPC consumers as the message group
            MessageAccessor.putProperty(message, MessageConst.PROPERTY_SHARDING_KEY, group);
        }
        headers.toUserProperties(exchange, message);
        if (from != in) {
            headers.toUserProperties(exchange, from, message);
        }
        checkPropertiesSize(message);
    }

    /** Camel's text of a list is "[A]", of an array its identity: stored as the tag, they reached no consumer. */
    private static void refuseSeveralTags(Object tags) {
        if (tags instanceof Collection<?> || tags instanceof Map<?, ?> || tags != null && tags.getClass().isArray()) {
            throw new UnsendableMessageException("Header " + RocketMQConstants.TAGS + " is a "
                                                 + tags.getClass().getName() + ": a sent message has one tag; give it"
                                                 + " as text");
        }
    }

    /**
     * Over the limit, the client fails the send (and a batch encoding overflows, failing every message of the batch
     * with "capacity &lt; 0"), so the one message is refused here with the reason. Encoded, a property takes its name,
     * its value and two separators, each character at most 3 UTF-8 bytes: only properties that could reach the limit
     * by that bound are encoded to be measured.
     */
    private static void checkPropertiesSize(Message message) {
        Map<String, String> properties = message.getProperties();
        if (properties == null) {
            return;
        }
        int limit = MAX_PROPERTIES_BYTES - CLIENT_PROPERTIES_ALLOWANCE;
        long bound = 0;
        for (Map.Entry<String, String> property : properties.entrySet()) {
            bound += 3L * (property.getKey().length() + property.getValue().length()) + 2;
        }
        if (bound <= limit) {
            return;
        }
        int size = MessageDecoder.messageProperties2String(properties).getBytes(StandardCharsets.UTF_8).length;
        if (size > limit) {
            throw new UnsendableMessageException("The message's properties (user headers, tags and keys) take " + size
                                                 + " bytes encoded; RocketMQ stores at most " + MAX_PROPERTIES_BYTES
                                                 + " bytes of properties per message, " + CLIENT_PROPERTIES_ALLOWANCE
                                                 + " of them kept for the client's own: send large values in the body, or"
                                                 + " keep the header out of the message with headerFilterStrategy");
        }
    }

    private int delayLevel(org.apache.camel.Message in) {
        Object header = in.getHeader(RocketMQConstants.OVERRIDE_DELAY_LEVEL);
        Integer level = DelayLevels.level(header, configuration.getDelayLevelCount());
        if (level == null) {
            throw new UnsendableMessageException("Header " + RocketMQConstants.OVERRIDE_DELAY_LEVEL + "=" + header
                                                 + " is not a delay level: valid levels are 1 to "
                                                 + configuration.getDelayLevelCount() + ", or 0 for no delay");
        }
        return level;
    }

    /**
     * When the broker delivers the messages: a delay level, a time (the header), or a delay counted by the broker from
     * when it stored them (the delay option), so this host's clock plays no part.
     */
    private record Delivery(int level, long atMillis, long afterMillis) {

        boolean delayed() {
            return level > 0 || atMillis > 0 || afterMillis > 0;
        }

        void applyTo(Message message) {
            if (level > 0) {
                message.setDelayTimeLevel(level);
            } else if (atMillis > 0) {
                message.setDeliverTimeMs(atMillis);
            } else if (afterMillis > 0) {
                message.setDelayTimeMs(afterMillis);
            }
        }
    }

    /**
     * A request delivered after its requestTimeout is never answered in time, yet still runs on the consumer, once the
     * requester gave up (and perhaps asked again). Delay levels are left alone: their times are the brokers' setting.
     */
    private void checkReplyCanArrive(Delivery delivery) {
        long timeout = configuration.getRequestTimeout();
        if (delivery.afterMillis() >= timeout) {
            throw new UnsendableMessageException("A request with delay=" + delivery.afterMillis() + "ms is delivered after"
                                                 + " its requestTimeout=" + timeout + "ms: no reply could arrive in time;"
                                                 + " raise requestTimeout or send it InOnly");
        }
        long untilDelivery = delivery.atMillis() - System.currentTimeMillis();
        if (delivery.atMillis() > 0 && untilDelivery >= timeout) {
            throw new UnsendableMessageException("A request with header " + RocketMQConstants.DELIVER_TIME + " is delivered in "
                                                 + untilDelivery + "ms, after its requestTimeout=" + timeout + "ms: no reply"
                                                 + " could arrive in time; raise requestTimeout or send it InOnly");
        }
    }

    /** A deliver time (the header) overrides the delayLevel and delay options; with a delay level header it fails. */
    private Delivery delivery(org.apache.camel.Message in) {
        Object at = in.getHeader(RocketMQConstants.DELIVER_TIME);
        if (at == null) {
            // a level header overrides both delay options; its 0 means no delay
            return in.getHeader(RocketMQConstants.OVERRIDE_DELAY_LEVEL) != null ? new Delivery(delayLevel(in), 0, 0)
                    : new Delivery(configuration.getDelayLevel(), 0, configuration.getDelay());
        }
        if (in.getHeader(RocketMQConstants.OVERRIDE_DELAY_LEVEL) != null) {
            throw new UnsendableMessageException("Headers " + RocketMQConstants.DELIVER_TIME + " and "
                                                 + RocketMQConstants.OVERRIDE_DELAY_LEVEL + " are both set: a message is"
                                                 + " delivered at a time or after a delay level, set only one");
        }
        long atMillis = DeliverTimes.epochMillis(at);
        long untilDelivery = atMillis - System.currentTimeMillis();
        if (untilDelivery > configuration.getMaxDelay()) {
            // the brokers refuse it: unseen with sendMode=ONEWAY, and after the messages before it in a list
            throw new UnsendableMessageException("Header " + RocketMQConstants.DELIVER_TIME + "="
                                                 + Instant.ofEpochMilli(atMillis) + " is "
                                                 + Duration.ofMillis(untilDelivery) + " from now, later than"
                                                 + " maxDelay=" + Duration.ofMillis(configuration.getMaxDelay())
                                                 + " (the brokers' timerMaxDelaySec) allows; set a nearer time, or"
                                                 + " maxDelay to the cluster's timerMaxDelaySec when it is higher");
        }
        return new Delivery(0, atMillis, 0);
    }

    /**
     * The header's value, unless it still holds what the exchange was consumed with and this endpoint names its own
     * value: then it says where the message came from ({@link ConsumedOrigin}).
     */
    private static String instruction(org.apache.camel.Message in, String header, boolean endpointHasOwn) {
        return instruction(in, header, in.getHeader(header, String.class), endpointHasOwn);
    }

    private static String instruction(org.apache.camel.Message in, String header, String value, boolean endpointHasOwn) {
        return value != null && endpointHasOwn && ConsumedOrigin.holds(in, header, value) ? null : value;
    }

    /**
     * The keys header as text; a collection or array of keys (as RocketMQ's Message.setKeys takes them) separated by
     * spaces. Converted by Camel it was one text, "[o-1, c-7]", which the broker indexed as the keys "[o-1," and "c-7]".
     */
    private static String keysHeader(Exchange exchange, org.apache.camel.Message in) {
        return keysText(exchange, in.getHeader(RocketMQConstants.KEYS));
    }

    private static String keysText(Exchange exchange, Object value) {
        Collection<?> keys = elementsOf(value);
        if (keys == null) {
            return text(exchange, value);
        }
        // a missing or blank element is no key: they were indexed as the keys "null" and ""
        String joined = keys.stream().filter(Objects::nonNull).map(String::valueOf).filter(key -> !key.isBlank())
                .collect(Collectors.joining(MessageConst.KEY_SEPARATOR));
        return joined.isEmpty() ? null : joined;
    }

    private static String text(Exchange exchange, Object value) {
        return value == null || value instanceof String ? (String) value
                : exchange.getContext().getTypeConverter().convertTo(String.class, exchange, value);
    }

    /**
     * A value a message takes one of (a queue's key, a tag) as text. A list was hashed as its text, "[o-1, o-2]":
     * every message with those values shared one queue, whatever each value meant. The refusal names its source as
     * {@code kind + name} ("Header " and the header, "Option " and the setting), joined only when refusing.
     */
    private static String oneValue(Exchange exchange, String kind, String name, Object value) {
        Collection<?> values = elementsOf(value);
        if (values != null) {
            throw new UnsendableMessageException(kind + name + " gives " + values.size() + " values " + values
                                                 + ": a message takes one value. To give each message of a list body"
                                                 + " its own, make the elements Camel messages with their own header,"
                                                 + " which the option's expression reads per element");
        }
        return text(exchange, value);
    }

    /** A header that chooses the queue, as text. */
    private static String queueHeader(Exchange exchange, org.apache.camel.Message in, String header) {
        return oneValue(exchange, "Header ", header, in.getHeader(header));
    }

    private static String valueOf(Exchange exchange, org.apache.camel.Message from, String header,
                                  OptionExpression option) {
        String value = notBlank(header, queueHeader(exchange, headerSource(exchange, from, header), header));
        if (value != null) {
            return value;
        }
        return option == null ? null : evaluate(option, exchange, from);
    }

    /**
     * A key header that is set but blank is most often a value missing upstream: taken as the key "", every such
     * message shared one queue and one order, where the option's expression fails for a missing value.
     */
    private static String notBlank(String header, String value) {
        if (value != null && value.isBlank()) {
            throw new UnsendableMessageException("Header " + header + " is blank: it chooses the message's queue, and"
                                                 + " a blank value would put every such message in one queue's order."
                                                 + " Set it to the key, or remove the header");
        }
        return value;
    }
}
