package io.rocketcamel.component.rocketmq;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache camel-rocketmq's option names, so routes written for it keep working: each is applied as this component's
 * option, with a WARN once per component naming the option to use instead. An alias and the option it stands for set
 * to different values is an error, not a guess. Apache's tags are one-sided where this component's tags option serves
 * both: sendTag only tags what the endpoint sends and subscribeTags only filters what it consumes (one URI is often
 * used for both), so the producer and the consumer read them through {@link #sendTags} and
 * {@link #subscriptionTags}.
 */
@SuppressWarnings("deprecation")
public final class MigrationAliases {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationAliases.class);

    private final Set<String> hinted;

    /**
     * @param hinted the aliases already hinted at by the component, so each is logged once per application
     */
    private MigrationAliases(Set<String> hinted) {
        this.hinted = hinted;
    }

    static void apply(RocketMQConfiguration c, Set<String> hinted) {
        new MigrationAliases(hinted).apply(c);
    }

    /** The tag a producer sends with: tags, else Apache's sendTag. */
    public static String sendTags(RocketMQConfiguration c) {
        return c.getTags() != null ? c.getTags() : c.getSendTag();
    }

    /** The tags a consumer subscribes to: tags, else Apache's subscribeTags unless messageSelectorType chose sql. */
    public static String subscriptionTags(RocketMQConfiguration c) {
        if (c.getTags() != null || c.getSql() != null) {
            return c.getTags();
        }
        return c.getSubscribeTags();
    }

    private void apply(RocketMQConfiguration c) {
        if (c.getSendTag() != null) {
            merged("sendTag", c.getSendTag(), "tags", c.getTags());
        }
        applySelector(c);
        if (c.getRequestTimeoutMillis() != null) {
            hint("requestTimeoutMillis", c.getRequestTimeoutMillis() + " is applied as requestTimeout="
                                         + c.getRequestTimeoutMillis() + "ms: rename it to requestTimeout");
            c.setRequestTimeout(c.getRequestTimeoutMillis());
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
        if (c.getReplyToConsumerGroup() != null && c.getReplyToTopic() == null) {
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

    /** messageSelectorType chooses which of subscribeTags and subscribeSql counts, as in Apache camel-rocketmq. */
    private void applySelector(RocketMQConfiguration c) {
        String type = c.getMessageSelectorType() == null ? "tag" : c.getMessageSelectorType().toLowerCase(Locale.ROOT);
        if (!type.equals("tag") && !type.equals("sql")) {
            throw new IllegalArgumentException("Option messageSelectorType=" + c.getMessageSelectorType()
                                               + " is not a selector type: tag or sql");
        }
        if (c.getMessageSelectorType() != null) {
            hint("messageSelectorType", c.getMessageSelectorType() + " selects " + (type.equals("sql")
                    ? "the SQL92 filter: set it with sql" : "tag filtering: set the tags with tags") + " and remove it");
        }
        if (type.equals("tag") && c.getSubscribeTags() != null) {
            merged("subscribeTags", c.getSubscribeTags(), "tags", c.getTags());
        } else if (type.equals("sql") && c.getSubscribeSql() != null) {
            c.setSql(merged("subscribeSql", c.getSubscribeSql(), "sql", c.getSql()));
        }
    }

    private String merged(String alias, String aliasValue, String option, String optionValue) {
        if (optionValue != null && !Objects.equals(optionValue, aliasValue)) {
            throw new IllegalArgumentException("Option " + alias + "=" + aliasValue + " (Apache camel-rocketmq's name for "
                                               + option + ") disagrees with " + option + "=" + optionValue
                                               + ": set only " + option);
        }
        hint(alias, aliasValue + " is applied as " + option + "=" + aliasValue + ": rename it to " + option);
        return aliasValue;
    }

    private void hint(String alias, String text) {
        if (hinted.add(alias)) {
            LOG.warn("Option {}={} (Apache camel-rocketmq's option name, accepted by this component; logged once, see"
                     + " Migrating from Apache camel-rocketmq in its documentation)", alias, text);
        }
    }
}
