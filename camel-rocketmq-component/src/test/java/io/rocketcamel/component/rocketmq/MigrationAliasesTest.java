package io.rocketcamel.component.rocketmq;

import java.util.List;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.rocketcamel.testsupport.CapturedLogs;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * URIs written for Apache camel-rocketmq, copied from its documentation (rocketmq-component.adoc) and tests
 * (RocketMQRouteIT, RocketMQRequestReplyRouteIT, the catalog's option descriptions), bind to this component's
 * options. The routes that use them run against the broker in MigrationIT.
 */
@SuppressWarnings("deprecation")
class MigrationAliasesTest {

    private CamelContext context;
    private CapturedLogs logged;

    @BeforeEach
    void setUp() {
        context = new DefaultCamelContext();
        logged = new CapturedLogs(MigrationAliases.class);
    }

    @AfterEach
    void tearDown() throws Exception {
        logged.close();
        context.close();
    }

    private RocketMQConfiguration configuration(String uri) {
        return context.getEndpoint(uri, RocketMQEndpoint.class).getConfiguration();
    }

    /** The component's own configuration, the defaults of every endpoint (Spring Boot's camel.component.rocketmq.*). */
    private RocketMQConfiguration componentOptions() {
        return context.getComponent("rocketmq", RocketMQComponent.class).getConfiguration();
    }

    @Test
    void apacheRouteTestUriKeepsItsGroupsAndSendsWithItsTag() {
        RocketMQConfiguration c = configuration("rocketmq:START_TOPIC?producerGroup=p1&consumerGroup=c1&sendTag=startTag");

        assertThat(c.getProducerGroup()).isEqualTo("p1");
        assertThat(c.getConsumerGroup()).isEqualTo("c1");
        // a producer tag only: Apache's consumer on the same URI subscribes to every tag, and so does this one
        assertThat(c.getSendTag()).isEqualTo("startTag");
        assertThat(c.getTags()).isNull();
    }

    @Test
    void apacheRequestReplyUriKeepsItsReplyTopicAndTimeout() {
        RocketMQConfiguration c = configuration("rocketmq:INTERMEDIATE_TOPIC" + "?producerGroup=intermediaProducer"
                                                + "&consumerGroup=intermediateConsumer" + "&replyToTopic=REPLY_TO_TOPIC"
                                                + "&replyToConsumerGroup=replyToConsumerGroup"
                                                + "&requestTimeoutMillis=30000");

        assertThat(c.getReplyToTopic()).isEqualTo("REPLY_TO_TOPIC");
        assertThat(c.getReplyToConsumerGroup()).isEqualTo("replyToConsumerGroup");
        assertThat(c.getRequestTimeout()).isEqualTo(30_000);
    }

    @Test
    void apacheDocumentationExampleUrisBind() {
        RocketMQConfiguration from = configuration("rocketmq:FROM_TOPIC?namesrvAddr=localhost:9876&consumerGroup=consumer");
        RocketMQConfiguration to = configuration("rocketmq:TO_TOPIC?namesrvAddr=localhost:9876&producerGroup=producer");

        assertThat(from.getConsumerGroup()).isEqualTo("consumer");
        assertThat(to.getProducerGroup()).isEqualTo("producer");
        assertThat(to.getNamesrvAddr()).isEqualTo("localhost:9876");
    }

    @Test
    void selectorOptionsChooseTagsOrSql() {
        RocketMQConfiguration sql = configuration("rocketmq:t?consumerGroup=c&messageSelectorType=sql&subscribeSql=a > 5");
        RocketMQConfiguration tags = configuration("rocketmq:t?consumerGroup=c&messageSelectorType=tag&subscribeTags=TagA||TagB");
        RocketMQConfiguration all = configuration("rocketmq:t?consumerGroup=c&subscribeTags=*&subscribeSql=1 = 1");

        assertThat(sql.getSql()).isEqualTo("a > 5");
        assertThat(sql.getTags()).isNull();
        assertThat(tags.getSubscribeTags()).isEqualTo("TagA||TagB");
        assertThat(tags.getSql()).isNull();
        assertThat(all.getSql()).isNull();
        assertThat(all.getSubscribeTags()).isEqualTo("*");
    }

    @Test
    void accessChannelAndTheOtherSharedNamesAreOptionsOfTheirOwn() {
        RocketMQConfiguration c = configuration("rocketmq:t?accessChannel=CLOUD&namespace=ns&enableTrace=true"
                                                + "&accessKey=ak&secretKey=sk&waitForSendResult=true"
                                                + "&requestTimeoutCheckerIntervalMillis=500");

        assertThat(c.getAccessChannel()).isEqualTo(AccessChannel.CLOUD);
        assertThat(c.getNamespace()).isEqualTo("ns");
        assertThat(c.isEnableTrace()).isTrue();
        assertThat(c.getSendMode()).isEqualTo(SendMode.SYNC);
    }

    @Test
    void eachAliasIsHintedOnceNamingTheOptionToUse() {
        configuration("rocketmq:a?messageSelectorType=sql&subscribeSql=x > 1&requestTimeoutMillis=5000");
        configuration("rocketmq:b?messageSelectorType=sql&subscribeSql=y > 1&requestTimeoutMillis=6000");

        List<String> hints = logged.events().stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(hints).filteredOn(h -> h.startsWith("Option subscribeSql=")).singleElement().asString()
                .contains("applied as sql=x > 1", "rename it to sql");
        assertThat(hints).filteredOn(h -> h.startsWith("Option requestTimeoutMillis=")).singleElement().asString()
                .contains("requestTimeout=5000ms");
    }

    /**
     * Following the hint on a URI that a route consumes and a producer sends with (Apache's own example) made the
     * consumer skip every message of another tag (an outside audit): the hint says where the rename is safe.
     */
    @Test
    void theTagHintsSayTagsActsOnBothSidesOfAUri() {
        configuration("rocketmq:a?sendTag=startTag");
        configuration("rocketmq:b?subscribeTags=TagA");

        List<String> hints = logged.events().stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(hints).filteredOn(h -> h.startsWith("Option sendTag=")).singleElement().asString()
                .contains("rename it to tags where no consumer reads this URI", "skip the messages of other tags");
        assertThat(hints).filteredOn(h -> h.startsWith("Option subscribeTags=")).singleElement().asString()
                .contains("rename it to tags where no producer sends with this URI");
    }

    @Test
    void anAliasThatContradictsTheOptionIsAnError() {
        assertThatThrownBy(() -> configuration("rocketmq:t?sendTag=A&tags=B")).hasRootCauseMessage(
                "Option sendTag=A (Apache camel-rocketmq's name for tags) disagrees with tags=B: set only tags");
        assertThatThrownBy(() -> configuration("rocketmq:t?messageSelectorType=sql&subscribeSql=a > 1&sql=b > 1"))
                .hasRootCauseMessage("Option subscribeSql=a > 1 (Apache camel-rocketmq's name for sql) disagrees with"
                                     + " sql=b > 1: set only sql");
        assertThatThrownBy(() -> configuration("rocketmq:t?messageSelectorType=xpath"))
                .hasRootCauseMessage("Option messageSelectorType=xpath is not a selector type: tag or sql");
        assertThatThrownBy(() -> configuration("rocketmq:t?replyToTopic=r"))
                .hasRootCauseMessage("Option replyToTopic=r needs replyToConsumerGroup, the group that reads the replies");
    }

    /** A typical Spring Boot migration sets Apache's names once for the component; endpoints still choose their own. */
    @Test
    void aComponentLevelRequestTimeoutMillisIsADefaultThatAnEndpointsRequestTimeoutOverrides() {
        componentOptions().setRequestTimeoutMillis(30_000L);

        assertThat(configuration("rocketmq:t1?requestTimeout=5s").getRequestTimeout()).isEqualTo(5_000);
        assertThat(configuration("rocketmq:t2?requestTimeoutMillis=7000").getRequestTimeout()).isEqualTo(7_000);
        assertThat(configuration("rocketmq:t3").getRequestTimeout()).isEqualTo(30_000);
    }

    @Test
    void aComponentLevelSendTagIsADefaultThatAnEndpointsTagsOverride() {
        componentOptions().setSendTag("orders");

        RocketMQConfiguration consumer = configuration("rocketmq:t1?consumerGroup=g&tags=TagA||TagB");
        assertThat(MigrationAliases.subscriptionTags(consumer)).isEqualTo("TagA||TagB");
        assertThat(MigrationAliases.sendTags(configuration("rocketmq:t2?tags=special"))).isEqualTo("special");
        RocketMQConfiguration plain = configuration("rocketmq:t3?consumerGroup=g");
        assertThat(MigrationAliases.sendTags(plain)).isEqualTo("orders");
        // sendTag only tags what is sent: a consumer of the endpoint takes every tag
        assertThat(MigrationAliases.subscriptionTags(plain)).isNull();
    }

    @Test
    void aComponentLevelSubscribeTagsIsADefaultThatAnEndpointsTagsOrSqlOverride() {
        componentOptions().setSubscribeTags("TagA");

        assertThat(MigrationAliases.subscriptionTags(configuration("rocketmq:t1?consumerGroup=g&tags=TagB")))
                .isEqualTo("TagB");
        RocketMQConfiguration sql = configuration("rocketmq:t2?consumerGroup=g&sql=a > 1");
        assertThat(sql.getSql()).isEqualTo("a > 1");
        assertThat(MigrationAliases.subscriptionTags(sql)).isNull();
        assertThat(MigrationAliases.subscriptionTags(configuration("rocketmq:t3?consumerGroup=g"))).isEqualTo("TagA");
        // subscribeTags only filters what is consumed
        assertThat(MigrationAliases.sendTags(configuration("rocketmq:t4"))).isNull();
    }

    @Test
    void aComponentLevelSqlSelectorIsADefaultThatAnEndpointsTagsOrSqlOverride() {
        componentOptions().setMessageSelectorType("sql");
        componentOptions().setSubscribeSql("a > 1");

        RocketMQConfiguration tags = configuration("rocketmq:t1?consumerGroup=g&tags=TagA");
        assertThat(tags.getSql()).isNull();
        assertThat(MigrationAliases.subscriptionTags(tags)).isEqualTo("TagA");
        assertThat(configuration("rocketmq:t2?consumerGroup=g&sql=b > 2").getSql()).isEqualTo("b > 2");
        assertThat(configuration("rocketmq:t3?consumerGroup=g").getSql()).isEqualTo("a > 1");
    }

    @Test
    void aComponentLevelReplyToConsumerGroupIsUsedOnlyByEndpointsWithAReplyTopic() {
        componentOptions().setReplyToConsumerGroup("replies");

        assertThat(configuration("rocketmq:t1?consumerGroup=g").getReplyToTopic()).isNull();
        RocketMQConfiguration requester = configuration("rocketmq:t2?replyToTopic=r");
        assertThat(requester.getReplyToConsumerGroup()).isEqualTo("replies");
        assertThatThrownBy(() -> configuration("rocketmq:t3?replyToConsumerGroup=mine")).hasRootCauseMessage(
                "Option replyToConsumerGroup=mine is only used with replyToTopic: set replyToTopic or remove it");
    }

    /** An endpoint's own value wins whichever name it is set under, as the component's value is only a default. */
    @Test
    void anEndpointsAliasOverridesTheComponentsOption() {
        componentOptions().setTags("TagA");
        componentOptions().setRequestTimeout(20_000);

        RocketMQConfiguration sendTag = configuration("rocketmq:t1?consumerGroup=g&sendTag=S");
        assertThat(MigrationAliases.sendTags(sendTag)).isEqualTo("S");
        assertThat(MigrationAliases.subscriptionTags(sendTag)).isEqualTo("TagA");
        RocketMQConfiguration subscribeTags = configuration("rocketmq:t2?consumerGroup=g&subscribeTags=T");
        assertThat(MigrationAliases.subscriptionTags(subscribeTags)).isEqualTo("T");
        assertThat(MigrationAliases.sendTags(subscribeTags)).isEqualTo("TagA");
        RocketMQConfiguration sql = configuration("rocketmq:t3?consumerGroup=g&messageSelectorType=sql&subscribeSql=a > 1");
        assertThat(sql.getSql()).isEqualTo("a > 1");
        assertThat(MigrationAliases.subscriptionTags(sql)).isNull();
        assertThat(MigrationAliases.sendTags(sql)).isEqualTo("TagA");
        assertThat(configuration("rocketmq:t4?requestTimeoutMillis=7000").getRequestTimeout()).isEqualTo(7_000);
    }

    @Test
    void anAliasAndItsOptionSetOnTheSameLevelMustAgree() {
        assertThatThrownBy(() -> configuration("rocketmq:t?requestTimeout=5s&requestTimeoutMillis=30000"))
                .hasRootCauseMessage("Option requestTimeoutMillis=30000 (Apache camel-rocketmq's name for requestTimeout)"
                                     + " disagrees with requestTimeout=5000ms: set only requestTimeout");
        assertThat(configuration("rocketmq:t?requestTimeout=5s&requestTimeoutMillis=5000").getRequestTimeout())
                .isEqualTo(5_000);
        assertThatThrownBy(() -> configuration("rocketmq:t?consumerGroup=g&tags=A&subscribeTags=B"))
                .hasRootCauseMessage("Option subscribeTags=B (Apache camel-rocketmq's name for tags) disagrees with"
                                     + " tags=A: set only tags");

        componentOptions().setSendTag("A");
        componentOptions().setTags("B");
        assertThatThrownBy(() -> configuration("rocketmq:t1?tags=C")).hasRootCauseMessage(
                "Option sendTag=A (Apache camel-rocketmq's name for tags) disagrees with tags=B on the component:"
                                                                          + " set only tags");
    }

    @Test
    void componentLevelRequestTimeoutOptionsMustAgree() {
        componentOptions().setRequestTimeoutMillis(30_000L);
        componentOptions().setRequestTimeout(20_000);

        assertThatThrownBy(() -> configuration("rocketmq:t?requestTimeout=5s")).hasRootCauseMessage(
                "Option requestTimeoutMillis=30000 (Apache camel-rocketmq's name for requestTimeout) disagrees with"
                                                                                  + " requestTimeout=20000ms on the"
                                                                                  + " component: set only requestTimeout");
    }

    /** Apache subscribes with its subscribeSql default, 1 = 1 (every message), when messageSelectorType=sql has none. */
    @Test
    void anSqlSelectorWithoutSubscribeSqlTakesEveryMessageAsApachesDoesAndIgnoresSubscribeTags() {
        RocketMQConfiguration c = configuration("rocketmq:t?consumerGroup=g&messageSelectorType=sql&subscribeTags=TagA");

        assertThat(c.getSql()).isEqualTo("1 = 1");
        assertThat(MigrationAliases.subscriptionTags(c)).isNull();
        assertThat(logged.messages(ch.qos.logback.classic.Level.WARN)).anySatisfy(warning -> assertThat(warning)
                .contains("subscribeTags=TagA", "ignored", "messageSelectorType=sql"));
    }
}
