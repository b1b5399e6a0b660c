package io.rocketcamel.component.rocketmq;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache camel-rocketmq's option names, so routes written for it keep working: each is applied as this component's
 * option, with a WARN once per component naming the option to use instead. Set on the component, an alias is a
 * default, as any component option is: the endpoint's own value wins, under either name. An alias and the option it
 * stands for set to different values on the same level (both on the URI, or both on the component) is an error, not
 * a guess. Apache's tags are one-sided where this component's tags option serves both: sendTag only tags what the
 * endpoint sends and subscribeTags only filters what it consumes (one URI is often used for both), so the producer
 * and the consumer read them through {@link #sendTags} and {@link #subscriptionTags}.
 */
@SuppressWarnings("deprecation")
public final class MigrationAliases {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationAliases.class);
    /**
     * On the component, requestTimeout at its default says nothing: it would disagree with any requestTimeoutMillis
     * set beside it, though nobody chose it.
     */
    private static final long DEFAULT_REQUEST_TIMEOUT = new RocketMQConfiguration().getRequestTimeout();
    /**
     * Apache's subscribeSql default: its consumer with messageSelectorType=sql and no subscribeSql subscribes by this
     * SQL92 filter, which takes every message (on a broker with enablePropertyFilter, as any SQL92 filter needs).
     */
    static final String APACHE_DEFAULT_SQL = "1 = 1";

    private static final Names<String> SEND_TAG = new Names<>(tag -> "tags", tag -> "sendTag", "");
    private static final Names<Subscription> SUBSCRIPTION = new Names<>(Subscription::option,
            s -> s.sql() != null ? "subscribeSql" : "subscribeTags", "");
    private static final Names<Long> REQUEST_TIMEOUT = new Names<>(millis -> "requestTimeout",
            millis -> "requestTimeoutMillis", "ms");

    private final OptionLevels levels;
    private final Set<String> hinted;

    /**
     * @param hinted the aliases already hinted at by the component, so each is logged once per application
     */
    private MigrationAliases(OptionLevels levels, Set<String> hinted) {
        this.levels = levels;
        this.hinted = hinted;
    }

    /**
     * @param component  the component's configuration, which the endpoint's started from
     * @param endpoint   the endpoint's configuration, its URI's options applied
     * @param uriOptions the names of the options on the endpoint's URI
     */
    static void apply(RocketMQConfiguration component, RocketMQConfiguration endpoint, Collection<String> uriOptions,
                      Set<String> hinted) {
        new MigrationAliases(new OptionLevels(component, endpoint, uriOptions), hinted).apply();
    }

    /** The tag a producer sends with: tags, else Apache's sendTag. */
    public static String sendTags(RocketMQConfiguration c) {
        return c.getTags() != null ? c.getTags() : c.getSendTag();
    }

    /** The tags a consumer subscribes to: tags, else Apache's subscribeTags unless an SQL92 filter is set. */
    public static String subscriptionTags(RocketMQConfiguration c) {
        if (c.getTags() != null || c.getSql() != null) {
            return c.getTags();
        }
        return c.getSubscribeTags();
    }

    private void apply() {
        RocketMQConfiguration c = levels.endpoint();
        applyTags(c);
        Long timeout = choose(REQUEST_TIMEOUT,
                levels.uri(RocketMQConfiguration::getRequestTimeout, "requestTimeout"),
                levels.uri(RocketMQConfiguration::getRequestTimeoutMillis, "requestTimeoutMillis"),
                levels.component(co -> co.getRequestTimeout() == DEFAULT_REQUEST_TIMEOUT ? null : co.getRequestTimeout()),
                levels.component(RocketMQConfiguration::getRequestTimeoutMillis));
        if (timeout != null) {
            c.setRequestTimeout(timeout);
        }
        if (c.getRequestTimeoutCheckerIntervalMillis() != null) {
            hint("requestTimeoutCheckerIntervalMillis", c.getRequestTimeoutCheckerIntervalMillis() + " has no effect:"
                                                        + " each request times out on its own; remove it");
        }
        if (c.getWaitForSendResult() != null) {
            hint("waitForSendResult", c.getWaitForSendResult() + " has no effect: every send waits for the broker's"
                                      + " answer (sendMode=SYNC, or ASYNC without blocking a thread), only sendMode=ONEWAY"
                                      + " does not; remove it");
        }
        // on the component, a reply group is a default for the endpoints that set a reply topic, not for all
        if (levels.onUri("replyToConsumerGroup") && c.getReplyToTopic() == null) {
            throw new IllegalArgumentException("Option replyToConsumerGroup=" + c.getReplyToConsumerGroup()
                                               + " is only used with replyToTopic: set replyToTopic or remove it");
        }
        if (c.getReplyToTopic() != null) {
            if (c.getReplyToConsumerGroup() == null) {
                throw new IllegalArgumentException("Option replyToTopic=" + c.getReplyToTopic() + " needs"
                                                   + " replyToConsumerGroup, the group that reads the replies");
            }
            hint("replyToTopic", c.getReplyToTopic() + " keeps Apache camel-rocketmq's request-reply, for repliers that"
                                 + " answer on that topic with the request's key; when the replier is a rocketmq:"
                                 + " consumer route, remove replyToTopic and replyToConsumerGroup: InOut exchanges then"
                                 + " use RocketMQ's own request-reply");
        }
    }

    /**
     * The tag sent and the subscription, each chosen on its own: the tags option serves both sides, Apache's names one
     * each. With an alias anywhere, the endpoint keeps the outcome per side, the sent tag in sendTag and the
     * subscription in subscribeTags or sql, and tags left empty: a component's sendTag beside an endpoint's tags, or a
     * component's tags beside an endpoint's subscribeTags, would otherwise each reach the other side.
     */
    private void applyTags(RocketMQConfiguration c) {
        if (c.getSendTag() == null && c.getSubscribeTags() == null && c.getSubscribeSql() == null
            && c.getMessageSelectorType() == null) {
            return;
        }
        String sent = choose(SEND_TAG,
                levels.uri(RocketMQConfiguration::getTags, "tags"),
                levels.uri(RocketMQConfiguration::getSendTag, "sendTag"),
                levels.component(RocketMQConfiguration::getTags),
                levels.component(RocketMQConfiguration::getSendTag));
        Subscription subscription = choose(SUBSCRIPTION,
                levels.uri(co -> Subscription.of(co.getTags(), co.getSql()), "tags", "sql"),
                levels.uri(this::apacheSubscription, "messageSelectorType", "subscribeTags", "subscribeSql"),
                levels.component(co -> Subscription.of(co.getTags(), co.getSql())),
                levels.component(this::apacheSubscription));
        if (c.getMessageSelectorType() != null) {
            hint("messageSelectorType", c.getMessageSelectorType() + " selects " + (selectorType(c).equals("sql")
                    ? "the SQL92 filter: set it with sql" : "tag filtering: set the tags with tags") + " and remove it");
        }
        c.setTags(null);
        c.setSendTag(sent);
        c.setSubscribeTags(subscription == null ? null : subscription.tags());
        c.setSql(subscription == null ? null : subscription.sql());
    }

    /**
     * What Apache's consumer subscribes to with the options of one configuration: messageSelectorType chooses which
     * of subscribeTags and subscribeSql counts, and the other is ignored. Null when they choose nothing.
     */
    private Subscription apacheSubscription(RocketMQConfiguration c) {
        if (selectorType(c).equals("sql")) {
            ignored("subscribeTags", c.getSubscribeTags(), "messageSelectorType=sql subscribes by subscribeSql ("
                                                           + APACHE_DEFAULT_SQL + ", every message, when not set) as"
                                                           + " Apache camel-rocketmq does; remove one of them");
            return Subscription.of(null, c.getSubscribeSql() != null ? c.getSubscribeSql() : APACHE_DEFAULT_SQL);
        }
        ignored("subscribeSql", c.getSubscribeSql(), "messageSelectorType is tag (the default), which subscribes by"
                                                     + " subscribeTags as Apache camel-rocketmq does; set"
                                                     + " messageSelectorType=sql to filter by it");
        return Subscription.of(c.getSubscribeTags(), null);
    }

    /** A selector option the selector type leaves unread: most likely not what the route's author meant. */
    private void ignored(String alias, String value, String because) {
        if (value != null && hinted.add(alias + " ignored: " + value)) {
            LOG.warn("Option {}={} is ignored: {}", alias, value, because);
        }
    }

    private static String selectorType(RocketMQConfiguration c) {
        String type = c.getMessageSelectorType() == null ? "tag" : c.getMessageSelectorType().toLowerCase(Locale.ROOT);
        if (!type.equals("tag") && !type.equals("sql")) {
            throw new IllegalArgumentException("Option messageSelectorType=" + c.getMessageSelectorType()
                                               + " is not a selector type: tag or sql");
        }
        return type;
    }

    /**
     * The value of an option Apache names otherwise: the URI's over the component's; on one level, the option and
     * its alias must agree, as nothing says which of the two was meant.
     */
    private <T> T choose(Names<T> names, T uriOption, T uriAlias, T componentOption, T componentAlias) {
        agree(names, uriOption, uriAlias, "");
        agree(names, componentOption, componentAlias, " on the component");
        if (uriOption != null) {
            return uriOption;
        }
        if (uriAlias != null) {
            return applied(names, uriAlias);
        }
        return componentOption != null ? componentOption : componentAlias == null ? null : applied(names, componentAlias);
    }

    private static <T> void agree(Names<T> names, T option, T alias, String where) {
        if (option != null && alias != null && !Objects.equals(option, alias)) {
            throw new IllegalArgumentException("Option " + names.alias(alias) + "=" + names.text(alias)
                                               + " (Apache camel-rocketmq's name for " + names.option(alias)
                                               + ") disagrees with " + names.option(option) + "=" + names.text(option)
                                               + names.unit() + where + ": set only " + names.option(option));
        }
    }

    private <T> T applied(Names<T> names, T alias) {
        String option = names.option(alias);
        hint(names.alias(alias), names.text(alias) + " is applied as " + option + "=" + names.text(alias) + names.unit()
                                 + ": rename it to " + option + caveat(names.alias(alias)));
        return alias;
    }

    /** Apache's tag options each act on one side; tags acts on both sides of a URI used by a route and a producer. */
    private static String caveat(String alias) {
        return switch (alias) {
            case "sendTag" -> " where no consumer reads this URI: a consumer of it subscribes to tags too (to every tag"
                              + " now), and would skip the messages of other tags";
            case "subscribeTags" -> " where no producer sends with this URI: a producer of it tags what it sends with"
                                    + " tags too (nothing now)";
            default -> "";
        };
    }

    private void hint(String alias, String text) {
        if (hinted.add(alias)) {
            LOG.warn("Option {}={} (Apache camel-rocketmq's option name, accepted by this component; logged once, see"
                     + " Migrating from Apache camel-rocketmq in its documentation)", alias, text);
        }
    }

    /** How an option and its alias are named for a value (tags or sql, subscribeTags or subscribeSql), and its unit. */
    private record Names<T>(Function<T, String> optionName, Function<T, String> aliasName, String unit) {

        String option(T value) {
            return optionName.apply(value);
        }

        String alias(T value) {
            return aliasName.apply(value);
        }

        String text(T value) {
            return value instanceof Subscription s ? s.value() : String.valueOf(value);
        }
    }

    /** What a consumer subscribes to: tags, or an SQL92 filter. */
    private record Subscription(String tags, String sql) {

        /** Null when neither is set; both set is refused, as on a URI. */
        static Subscription of(String tags, String sql) {
            OptionValidator.checkOneSubscription(tags, sql);
            return tags == null && sql == null ? null : new Subscription(tags, sql);
        }

        String option() {
            return sql != null ? "sql" : "tags";
        }

        String value() {
            return sql != null ? sql : tags;
        }
    }
}
