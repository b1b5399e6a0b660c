package io.rocketcamel.reliability;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.broker.LoopbackPorts;
import io.rocketcamel.reliability.app.Causes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Scenario 8: bad input and limits. Each case must end in an error that names the cause (which address, topic, size,
 * key or expression), reach the caller (the exchange or the route's start) within 30 s, and store nothing. Runs
 * against an embedded broker in this JVM (nothing is killed): authentication on, a 64 KiB message limit, no automatic
 * topic creation.
 */
final class BadInputScenario implements Scenario {

    private static final String ACCESS_KEY = "rc-admin";
    private static final String SECRET_KEY = "rc-secret-key";
    private static final String TOPIC = "s8-orders";
    private static final long ERROR_WITHIN_MILLIS = 30_000;

    @Override
    public String number() {
        return "8";
    }

    @Override
    public String description() {
        return "An embedded broker in the orchestrator's JVM with authentication, `maxMessageSize=65536` and "
                + "`autoCreateTopicEnable=false`; each case is a Camel route of its own. Each must fail with an error that "
                + "names the cause, reach the caller (the exchange, or the route's start) within 30 s, and store nothing.";
    }

    @Override
    public String title() {
        return "Bad input and limits: a specific error, nothing stored";
    }

    @Override
    public List<Result> run(Size size, boolean keep) throws Exception {
        List<Result> results = new ArrayList<>();
        try (EmbeddedRocketMQBroker broker = EmbeddedRocketMQBroker.builder().authentication(ACCESS_KEY, SECRET_KEY)
                .brokerProperty("maxMessageSize", "65536").brokerProperty("autoCreateTopicEnable", "false")
                .topic(TOPIC, 4).start()) {
            String namesrv = broker.getNamesrvAddr();
            String signed = "namesrvAddr=" + namesrv + "&accessKey=" + ACCESS_KEY + "&secretKey=" + SECRET_KEY;
            String closed = "127.0.0.1:" + LoopbackPorts.free();

            results.add(send(broker, "unreachable name server " + closed + ", send",
                    "rocketmq:" + TOPIC + "?namesrvAddr=" + closed + "&accessKey=" + ACCESS_KEY + "&secretKey=" + SECRET_KEY,
                    "x", closed));
            results.add(start("unreachable name server " + closed + ", consumer route start",
                    "rocketmq:" + TOPIC + "?namesrvAddr=" + closed + "&consumerGroup=s8-unreachable", closed));
            results.add(send(broker, "topic without a route (automatic creation off)",
                    "rocketmq:s8-unknown?" + signed, "x", "s8-unknown"));
            // random bytes: the client compresses bodies over 4 KiB, and a repetitive one would fit after that
            byte[] large = new byte[100 * 1024];
            new Random(8).nextBytes(large);
            results.add(send(broker, "body of 100 KiB over the endpoint's maxMessageSize=65536",
                    "rocketmq:" + TOPIC + "?" + signed + "&maxMessageSize=65536", large, "65536"));
            results.add(send(broker, "body of 100 KiB (random) over the broker's maxMessageSize=65536, endpoint's 4 MiB",
                    "rocketmq:" + TOPIC + "?" + signed, large, "65536"));
            results.add(send(broker, "wrong ACL secret key",
                    "rocketmq:" + TOPIC + "?namesrvAddr=" + namesrv + "&accessKey=" + ACCESS_KEY + "&secretKey=wrong-secret",
                    "x", "signature"));
            results.add(start("malformed SQL92 filter 'a = = 1'",
                    "rocketmq:" + TOPIC + "?" + signed + "&consumerGroup=s8-sql&sql=a = = 1", "Option sql=a = = 1"));
        }
        return results;
    }

    /** Starts a route of its own and sends one exchange through it: the error may come at the start or at the send. */
    private Result send(EmbeddedRocketMQBroker broker, String variant, String uri, Object body, String cause) {
        long storedBefore = stored(broker);
        CamelContext camel = new DefaultCamelContext();
        long begin = System.nanoTime();
        String stage = "at the route's start";
        try {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    errorHandler(noErrorHandler());
                    from("direct:send").to(uri);
                }
            });
            camel.start();
            stage = "at the send";
            begin = System.nanoTime();
            Exchange exchange = camel.createProducerTemplate().send("direct:send", e -> e.getMessage().setBody(body));
            return judge(variant, stage, exchange.getException(), begin, stored(broker) - storedBefore, cause);
        } catch (Exception e) {
            return judge(variant, stage, e, begin, stored(broker) - storedBefore, cause);
        } finally {
            Background.close(camel::stop);
        }
    }

    /** Starts a consumer route and judges the start's failure. */
    private Result start(String variant, String uri, String cause) {
        CamelContext camel = new DefaultCamelContext();
        long begin = System.nanoTime();
        Exception failure = null;
        try {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).routeId("consume").process(exchange -> { });
                }
            });
            camel.start();
        } catch (Exception e) {
            failure = e;
        } finally {
            Background.close(camel::stop);
        }
        return judge(variant, "at the route's start", failure, begin, 0, cause);
    }

    private Result judge(String variant, String stage, Throwable failure, long beginNanos, long stored, String cause) {
        Result result = new Result(number(), variant);
        long millis = (System.nanoTime() - beginNanos) / 1_000_000;
        String message = failure == null ? "" : Causes.of(failure);
        result.stored = (int) stored;
        if (failure == null) {
            result.note("no error: the route started and the exchange completed in " + millis + " ms");
        } else {
            result.note("error " + stage + ", after " + millis + " ms: " + message);
        }
        result.require(failure != null, "an error reaches the caller");
        result.require(failure == null || millis <= ERROR_WITHIN_MILLIS, "the error within " + ERROR_WITHIN_MILLIS / 1000 + " s");
        result.require(failure == null || message.toLowerCase(Locale.ROOT).contains(cause.toLowerCase(Locale.ROOT)),
                "the error names '" + cause + "'");
        result.require(stored == 0, "nothing stored");
        return result;
    }

    /** Messages in the scenario's topics, the one without a route included should a send have created it. */
    private static long stored(EmbeddedRocketMQBroker broker) {
        return broker.messageCount(TOPIC) + broker.messageCount("s8-unknown");
    }
}
