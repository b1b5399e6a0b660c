package io.rocketcamel.component.rocketmq.internal;

import java.util.List;

import ch.qos.logback.classic.Level;
import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.component.rocketmq.RocketMQHeaderFilterStrategy;
import io.rocketcamel.testsupport.CapturedLogs;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageConst;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderMapperTest {

    private final CamelContext context = new DefaultCamelContext();
    private final HeaderMapper mapper = new HeaderMapper(new RocketMQHeaderFilterStrategy());

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    @Test
    void userHeadersBecomePropertiesAndCamelOnesDoNot() {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader("level", "ERROR");
        exchange.getMessage().setHeader("latencyMs", 750);
        exchange.getMessage().setHeader("CamelFileName", "a.txt");
        exchange.getMessage().setHeader(RocketMQConstants.TAGS, "T");
        exchange.getMessage().setHeader("bad\u0001name", "v");
        exchange.getMessage().setHeader("badValue", "a\u0002b");
        exchange.getMessage().setHeader("blank", " ");
        exchange.getMessage().setHeader(MessageConst.PROPERTY_KEYS, "system");
        Message message = new Message("t", new byte[] { 1 });

        mapper.toUserProperties(exchange, message);

        assertThat(message.getProperties()).containsEntry("level", "ERROR").containsEntry("latencyMs", "750")
                .doesNotContainKeys("CamelFileName", RocketMQConstants.TAGS, "bad\u0001name", "badValue", "blank",
                        MessageConst.PROPERTY_KEYS);
    }

    @Test
    void theBrokersBookkeepingPropertiesBecomeNoHeadersAndAreNotSent() {
        Exchange exchange = new DefaultExchange(context);
        Message consumed = new Message("t", new byte[] { 1 });
        consumed.putUserProperty(MessageConst.PROPERTY_TRANSACTION_CHECK_TIMES, "15");
        consumed.putUserProperty(MessageConst.PROPERTY_CHECK_IMMUNITY_TIME_IN_SECONDS, "60");
        consumed.putUserProperty(MessageConst.PROPERTY_INNER_NUM, "3");
        consumed.putUserProperty(MessageConst.PROPERTY_TRANSIENT_PREFIX + "TOPIC_SYS_FLAG", "1");
        consumed.putUserProperty("level", "WARN");

        mapper.toHeaders(consumed, exchange.getMessage(), exchange);

        assertThat(exchange.getMessage().getHeaders()).containsOnlyKeys("level");

        exchange.getMessage().setHeader(MessageConst.PROPERTY_TRANSACTION_CHECK_TIMES, "15");
        exchange.getMessage().setHeader(MessageConst.PROPERTY_CHECK_IMMUNITY_TIME_IN_SECONDS, "60");
        Message sent = new Message("t", new byte[] { 1 });
        mapper.toUserProperties(exchange, sent);

        // a transactional send may set its first check-back's delay; the broker's count is the broker's
        assertThat(sent.getProperties()).containsEntry(MessageConst.PROPERTY_CHECK_IMMUNITY_TIME_IN_SECONDS, "60")
                .doesNotContainKey(MessageConst.PROPERTY_TRANSACTION_CHECK_TIMES);
    }

    @Test
    void userPropertiesBecomeHeadersAndSystemPropertiesDoNot() {
        Exchange exchange = new DefaultExchange(context);
        Message message = new Message("t", "TAG", "KEY", new byte[] { 1 });
        message.putUserProperty("level", "WARN");

        mapper.toHeaders(message, exchange.getMessage(), exchange);

        assertThat(exchange.getMessage().getHeaders()).containsOnlyKeys("level");
        assertThat(exchange.getMessage().getHeader("level")).isEqualTo("WARN");
    }

    /**
     * RocketMQ reserves its system property names exactly as written (KEYS, CLUSTER, DELAY): compared ignoring case, a
     * user header named cluster, delay or keys was dropped too, silently.
     */
    @Test
    void systemPropertiesAreKeptOutByTheirExactNameAndNamesAddedByTheUserToo() {
        RocketMQHeaderFilterStrategy strategy = new RocketMQHeaderFilterStrategy();
        strategy.getOutFilter().add("secret");
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader("keys", "k");
        exchange.getMessage().setHeader("cluster", "eu");
        exchange.getMessage().setHeader("UNIQ_KEY", "u");
        exchange.getMessage().setHeader("SECRET", "s");
        exchange.getMessage().setHeader("level", "INFO");
        Message message = new Message("t", new byte[] { 1 });

        new HeaderMapper(strategy).toUserProperties(exchange, message);

        assertThat(message.getProperties()).containsEntry("level", "INFO").containsEntry("keys", "k")
                .containsEntry("cluster", "eu").doesNotContainKeys("UNIQ_KEY", "SECRET");
    }

    @Test
    void aHeaderThatCannotBeSentIsNamedInAWarningOnce() {
        List<String> warnings;
        try (CapturedLogs logs = new CapturedLogs(HeaderMapper.class)) {
            for (int i = 0; i < 3; i++) {
                Exchange exchange = new DefaultExchange(context);
                exchange.getMessage().setHeader(MessageConst.PROPERTY_KEYS, "system");
                exchange.getMessage().setHeader("badValue", "a\u0002b");
                exchange.getMessage().setHeader("CamelFileName", "a.txt");
                mapper.toUserProperties(exchange, new Message("t", new byte[] { 1 }));
            }
            warnings = logs.messages(Level.WARN);
        }
        assertThat(warnings).hasSize(2).anySatisfy(m -> assertThat(m).contains("Header KEYS is not sent", "CamelRocketMQKeys"))
                .anySatisfy(m -> assertThat(m).contains("Header badValue is not sent"));
    }

    /**
     * Camel reads any object as text through its toString: a header holding an object of a class without one went
     * out as "Thing@4e9658b5", a value no consumer can use, with no word of it.
     */
    @Test
    void aHeaderWhoseValueHasNoTextFormIsNotSentAndSaysSo() {
        List<String> warnings;
        Message message = new Message("t", new byte[] { 1 });
        try (CapturedLogs logs = new CapturedLogs(HeaderMapper.class)) {
            Exchange exchange = new DefaultExchange(context);
            exchange.getMessage().setHeader("customer", new Object() { });
            exchange.getMessage().setHeader("scores", new int[] { 1, 2 });
            exchange.getMessage().setHeader("when", java.time.LocalDate.of(2026, 12, 4));
            exchange.getMessage().setHeader("ids", List.of("a", "b"));
            mapper.toUserProperties(exchange, message);
            warnings = logs.messages(Level.WARN);
        }
        assertThat(message.getProperties()).containsEntry("when", "2026-12-04").containsEntry("ids", "[a, b]")
                .doesNotContainKeys("customer", "scores");
        assertThat(warnings).hasSize(2).allSatisfy(m -> assertThat(m).contains("no text form"));
    }

    /**
     * A Date's text was Date.toString(): whole seconds in this JVM's zone, which no consumer can turn back into the
     * instant; now the instant in ISO-8601 (java.time's types already are).
     */
    @Test
    void aDateOrCalendarHeaderIsSentAsItsInstantToTheMillisecond() {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader("due", new java.util.Date(1_700_000_000_123L));
        java.util.Calendar calendar = java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("Asia/Tokyo"));
        calendar.setTimeInMillis(1_700_000_000_456L);
        exchange.getMessage().setHeader("at", calendar);
        Message message = new Message("t", new byte[] { 1 });
        mapper.toUserProperties(exchange, message);
        assertThat(message.getProperties()).containsEntry("due", "2023-11-14T22:13:20.123Z")
                .containsEntry("at", "2023-11-14T22:13:20.456Z");
    }
}
