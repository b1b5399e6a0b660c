package io.rocketcamel.component.rocketmq;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.broker.junit.EmbeddedRocketMQ;
import io.rocketcamel.component.rocketmq.transaction.CheckBacks;
import io.rocketcamel.testsupport.BackgroundClose;
import io.rocketcamel.testsupport.Patience;
import io.rocketcamel.testsupport.StoreRefusal;
import io.rocketcamel.testsupport.TestNames;

import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.store.PutMessageStatus;
import org.apache.rocketmq.store.hook.PutMessageHook;
import org.apache.rocketmq.store.stats.BrokerStatsManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.awaitility.Awaitility.await;

/**
 * One embedded broker for every IT of a test JVM (same settings everywhere, so the extension shares it): short delay
 * levels so retries and delay tests take seconds, transaction check-backs every second (for half messages undecided
 * for a second), SQL92 filtering on, a fine timer precision, recall of timer messages on. Each test gets a Camel
 * context whose component points at the broker; contexts are closed in the background because a RocketMQ client may
 * take seconds to shut down.
 */
@EmbeddedRocketMQ(delayLevels = "1s 2s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s",
                  transactionCheckIntervalMs = 1000, transactionTimeoutMs = 1000,
                  // a loaded 2-core CI machine kept batch sends queued past the default 200 ms: "broker busy"
                  brokerProperties = { "enablePropertyFilter=true", "timerPrecisionMs=100", "waitTimeMillsInSendQueue=2000",
                                       "recallMessageEnable=true" })
abstract class RocketMQITSupport {

    protected EmbeddedRocketMQBroker broker;
    protected CamelContext context;
    protected ProducerTemplate template;
    private final List<PutMessageHook> storeRefusals = new ArrayList<>();
    private final List<CamelContext> otherContexts = new ArrayList<>();

    @BeforeEach
    void createContext(EmbeddedRocketMQBroker broker) {
        this.broker = broker;
        context = newContext();
        context.start();
        template = context.createProducerTemplate();
    }

    /** A context whose rocketmq component points at the broker; not started. */
    protected CamelContext newContext() {
        return newContext(broker);
    }

    /** A context whose rocketmq component points at the given broker; not started. */
    static CamelContext newContext(EmbeddedRocketMQBroker broker) {
        CamelContext created = new DefaultCamelContext();
        RocketMQComponent component = new RocketMQComponent();
        component.getConfiguration().setNamesrvAddr(broker.getNamesrvAddr());
        component.getConfiguration().setPollNameServerInterval(Patience.CLIENT_INTERVAL.toMillis());
        component.getConfiguration().setSendTimeout(Patience.SEND_TIMEOUT.toMillis());
        // broadcast offsets in the build's directory: the default one in java.io.tmpdir outlives the build
        component.getConfiguration().setOffsetStoreDir(Path.of("target", "it-offsets").toAbsolutePath().toString());
        created.addComponent("rocketmq", component);
        return created;
    }

    /** The context's health check of that id, as Camel's registry reports it with every check listed. */
    static HealthCheck.Result healthCheck(CamelContext context, String id) {
        return HealthCheckHelper.invoke(context, "full").stream().filter(r -> r.getCheck().getId().equals(id))
                .findFirst().orElseThrow(() -> new AssertionError("no health check " + id));
    }

    /** Another context whose rocketmq component points at the broker, not started; closed after the test. */
    protected CamelContext anotherContext() {
        CamelContext other = newContext();
        otherContexts.add(other);
        return other;
    }

    @AfterEach
    void closeContextInBackground() {
        closeInBackground(context);
        otherContexts.forEach(RocketMQITSupport::closeInBackground);
    }

    /** Stops the context in the background; a later class's end, or this one's, reports a failure to stop. */
    protected static void closeInBackground(CamelContext closing) {
        BackgroundClose.close(closing::stop);
    }

    @AfterAll
    static void reportFailedCloses() {
        BackgroundClose.settle();
    }

    protected static String unique(String prefix) {
        return TestNames.unique(prefix);
    }

    /** A topic with the given queue count, created on the broker before the test uses it. */
    protected String topic(String prefix, int queues) {
        String topic = unique(prefix);
        broker.createTopic(topic, queues);
        return topic;
    }

    protected void start(RoutesBuilder routes) throws Exception {
        context.addRoutes(routes);
    }

    protected static String text(Object body) {
        return body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(body);
    }

    /** {@link EmbeddedRocketMQBroker#removeFirstMessages}, as retention does, on the test broker. */
    protected void removeFirstMessages(String topic, int queueId, int count) {
        broker.removeFirstMessages(broker.getBrokerNames().get(0), topic, queueId, count);
    }

    protected BrokerController brokerController() {
        return broker.getBrokerController(broker.getBrokerNames().get(0));
    }

    /**
     * Until the test ends, the broker refuses to store the messages {@code which} accepts, as a broker whose page cache
     * is busy does (the sender hears "broker busy"); counts the refusals.
     */
    protected AtomicInteger refuseStoring(Predicate<MessageExt> which) {
        return refuseStoring(which, PutMessageStatus.OS_PAGE_CACHE_BUSY);
    }

    /** Until the test ends, the broker refuses to store the messages {@code which} accepts, with this status. */
    protected AtomicInteger refuseStoring(Predicate<MessageExt> which, PutMessageStatus status) {
        StoreRefusal refusal = new StoreRefusal("test-refusal-" + storeRefusals.size(), which, status);
        storeRefusals.add(refusal);
        brokerController().getMessageStore().getPutMessageHookList().add(refusal);
        return refusal.refused();
    }

    @AfterEach
    void storeAgain() {
        brokerController().getMessageStore().getPutMessageHookList().removeAll(storeRefusals);
    }

    /** How many messages of the topic the broker handed to the group: filtering that happened on the broker. */
    protected long deliveredByBroker(String topic, String group) {
        var item = brokerController().getBrokerStatsManager().getStatsItem(BrokerStatsManager.GROUP_GET_NUMS,
                topic + "@" + group);
        return item == null ? 0 : item.getValue().sum();
    }

    /**
     * Sends each exchange without waiting for it, the way a busy route hands exchanges on (a header "key" carries
     * {@code key}); returns them as they complete.
     */
    protected static List<Exchange> sendWithoutWaiting(AsyncProducer producer, int count, IntFunction<String> body,
                                                       IntFunction<String> key) throws Exception {
        List<Exchange> done = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < count; i++) {
            Exchange exchange = producer.getEndpoint().createExchange();
            exchange.getMessage().setBody(body.apply(i));
            exchange.getMessage().setHeader("key", key.apply(i));
            producer.process(exchange, doneSync -> done.add(exchange));
        }
        return done;
    }

    /**
     * Stops the route on another thread and returns once Camel suspended its consumer (no more pulls), which it does
     * before it waits for the exchanges in flight and stops it.
     */
    protected CompletableFuture<Void> stopWhileExchangesRun(String routeId) {
        ServiceSupport consumer = (ServiceSupport) context.getRoute(routeId).getConsumer();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
            try {
                context.getRouteController().stopRoute(routeId);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(seconds(15)).until(() -> !consumer.isStarted());
        return stopping;
    }

    /**
     * Waits until the broker asks the group's client no more: no check-back answered for 3 s, three of this broker's
     * checks (it asks again at its next check about a half message whose last answer was UNKNOWN or had not arrived).
     * A transaction committed twice is committed by a late check-back's answer: counted after this wait, a second
     * delivery is seen.
     */
    protected static void awaitCheckBacksOver(CamelContext context, String group) {
        Supplier<CheckBacks> checkBacks = () -> context.getComponent("rocketmq", RocketMQComponent.class)
                .groupProducers().checkBacks().get(group);
        long[] lastCount = { -1 };
        long[] since = { 0 };
        await().atMost(seconds(40)).until(() -> {
            long count = checkBacks.get() == null ? 0 : checkBacks.get().total();
            if (count != lastCount[0]) {
                lastCount[0] = count;
                since[0] = System.nanoTime();
            }
            return System.nanoTime() - since[0] >= Duration.ofSeconds(3).toNanos();
        });
    }

    protected static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
