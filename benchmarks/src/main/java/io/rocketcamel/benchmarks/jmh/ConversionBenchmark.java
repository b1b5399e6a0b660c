package io.rocketcamel.benchmarks.jmh;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.component.rocketmq.RocketMQHeaderFilterStrategy;
import io.rocketcamel.component.rocketmq.consumer.ExchangeFiller;
import io.rocketcamel.component.rocketmq.internal.HeaderMapper;
import io.rocketcamel.component.rocketmq.producer.OutgoingMessageFactory;
import io.rocketcamel.component.rocketmq.producer.OutgoingMessages;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.rocketmq.RocketMQMessageConverter;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.DefaultMessage;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-exchange work of a component, without the broker: one exchange of a 1 KiB body with a tag, a key and two
 * user headers turned into a RocketMQ message, and one consumed message of the same content turned into an exchange.
 * Ours through the classes its producer and consumer use; Apache's camel-rocketmq 4.17.0 through the same statements
 * its producer runs inline ({@code RocketMQProducer.processInOnly}) and its consumer's listener runs. Apache's
 * producer drops user headers, and its consumer sets its 17 headers eagerly; ours maps user headers both ways and
 * fills consumed headers when the route first reads one, hence the two "to exchange" rows of ours. Beside them, the
 * floor a Camel route puts under any component's send.
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConversionBenchmark {

    private static final String TOPIC = "orders";
    private static final byte[] BODY = new byte[1024];

    private CamelContext camel;
    private OutgoingMessageFactory ours;
    private ExchangeFiller oursIn;
    private Exchange oursExchange;
    private Exchange apacheExchange;
    private MessageExt consumed;
    private ProducerTemplate template;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:floor").process(exchange -> { });
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
        template.setThreadedAsyncMode(false);
        HeaderMapper headers = new HeaderMapper(new RocketMQHeaderFilterStrategy());
        ours = new OutgoingMessageFactory(new RocketMQConfiguration(), null, null, null, null, headers);
        oursIn = new ExchangeFiller(headers);

        oursExchange = exchange();
        oursExchange.getMessage().setHeader(RocketMQConstants.TAGS, "order_created");
        oursExchange.getMessage().setHeader(RocketMQConstants.KEYS, "order-4711");
        apacheExchange = exchange();
        apacheExchange.getMessage().setHeader(org.apache.camel.component.rocketmq.RocketMQConstants.OVERRIDE_TAG, "order_created");
        apacheExchange.getMessage().setHeader(org.apache.camel.component.rocketmq.RocketMQConstants.OVERRIDE_MESSAGE_KEY, "order-4711");

        consumed = new MessageExt(3, System.currentTimeMillis(), new InetSocketAddress("127.0.0.1", 40001),
                System.currentTimeMillis(), new InetSocketAddress("127.0.0.1", 10911), "7F00000100002A9F00000000000A1B2C");
        consumed.setTopic(TOPIC);
        consumed.setBody(BODY);
        consumed.setTags("order_created");
        consumed.setKeys("order-4711");
        consumed.putUserProperty("orderId", "4711");
        consumed.putUserProperty("source", "web-shop");
        consumed.setQueueOffset(12_345);
        consumed.setCommitLogOffset(1_234_567);
        consumed.setBrokerName("broker-a");
        consumed.setStoreSize(1_200);
    }

    private Exchange exchange() {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(BODY);
        exchange.getMessage().setHeader("orderId", "4711");
        exchange.getMessage().setHeader("source", "web-shop");
        return exchange;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        template.stop();
        camel.stop();
    }

    @Benchmark
    public OutgoingMessages oursExchangeToMessage() throws Exception {
        return ours.create(oursExchange, TOPIC);
    }

    /** {@code org.apache.camel.component.rocketmq.RocketMQProducer.processInOnly}, up to the send. */
    @Benchmark
    public Message apacheExchangeToMessage() throws Exception {
        org.apache.camel.Message in = apacheExchange.getIn();
        Message message = new Message();
        message.setTopic(in.getHeader(org.apache.camel.component.rocketmq.RocketMQConstants.OVERRIDE_TOPIC_NAME, () -> TOPIC, String.class));
        message.setTags(in.getHeader(org.apache.camel.component.rocketmq.RocketMQConstants.OVERRIDE_TAG, () -> null, String.class));
        message.setBody(apacheExchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, apacheExchange, in.getBody()));
        message.setKeys(in.getHeader(org.apache.camel.component.rocketmq.RocketMQConstants.OVERRIDE_MESSAGE_KEY, "", String.class));
        return message;
    }

    /**
     * What any Camel component's send pays before its own work: an exchange sent as the benchmark's Camel peers send
     * it (an asynchronous send on the caller's thread, a completion) through {@code from("direct:...")} to a processor
     * that does nothing.
     */
    @Benchmark
    public Object camelRouteFloor() throws Exception {
        return template.asyncSend("direct:floor", exchange -> exchange.getMessage().setBody(BODY)).get();
    }

    /** A route that reads the body only: the headers are never filled. */
    @Benchmark
    public Object oursMessageToExchangeBody(Blackhole blackhole) {
        Exchange exchange = new DefaultExchange(camel);
        oursIn.fillOne(exchange, consumed);
        blackhole.consume(exchange.getMessage().getBody());
        return exchange;
    }

    /** A route that reads a header too: all headers are filled then. */
    @Benchmark
    public Object oursMessageToExchangeHeaders(Blackhole blackhole) {
        Exchange exchange = new DefaultExchange(camel);
        oursIn.fillOne(exchange, consumed);
        blackhole.consume(exchange.getMessage().getBody());
        blackhole.consume(exchange.getMessage().getHeader("orderId"));
        return exchange;
    }

    /** {@code RocketMQEndpoint.createRocketExchange} and {@code RocketMQMessageConverter}, as its listener calls them. */
    @Benchmark
    public Object apacheMessageToExchange(Blackhole blackhole) {
        Exchange exchange = new DefaultExchange(camel);
        DefaultMessage message = new DefaultMessage(exchange.getContext());
        message.setBody(consumed.getBody());
        exchange.setIn(message);
        RocketMQMessageConverter.populateHeadersByMessageExt(exchange.getIn(), consumed);
        blackhole.consume(exchange.getMessage().getBody());
        blackhole.consume(exchange.getMessage().getHeader("orderId"));
        return exchange;
    }
}
