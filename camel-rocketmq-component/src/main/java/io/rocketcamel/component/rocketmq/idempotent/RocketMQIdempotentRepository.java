package io.rocketcamel.component.rocketmq.idempotent;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.rocketcamel.component.rocketmq.RocketMQComponent;
import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.internal.ExchangeFailure;
import io.rocketcamel.component.rocketmq.internal.HomeQueueSelector;
import io.rocketcamel.component.rocketmq.internal.HomeQueueSelector.QueuePlace;
import io.rocketcamel.component.rocketmq.internal.PromptShutdown;
import io.rocketcamel.component.rocketmq.internal.RocketMQClients;
import io.rocketcamel.component.rocketmq.internal.TopicNames;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Metadata;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.exception.RemotingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel's {@link IdempotentRepository} on a RocketMQ topic, shared by every instance of a service, as camel-kafka's
 * KafkaIdempotentRepository is for Kafka. {@code add} claims the key with a record in the key's queue (sent
 * synchronously) and answers once this instance has read that queue up to its claim: the first live claim of a key
 * wins, so of several instances adding one key at the same time exactly one gets {@code true}. Each instance rebuilds
 * its view from the topic's first record when it starts, so a restarted instance knows every key claimed before.
 * The view keeps at most {@code maxKeys} keys (the oldest claims are forgotten first) and, with {@code expireAfter},
 * forgets a key that long after its claim was stored. A claim is pending until its exchange completes ({@code confirm}):
 * a copy meeting it fails and comes again, and an unconfirmed claim is taken over after {@code claimTimeout} (5 minutes
 * by default; zero makes claims final at once), so a key whose instance died mid-exchange is not lost.
 * <p>
 * A key's queue is its hash over the queues of the topic's layout: a record naming the queues the topic had when the
 * first instance started, which that instance writes to each queue (and every instance writes again each
 * {@code layoutRewriteInterval}, ahead of the brokers' retention). Every instance spreads keys over those queues only,
 * so queues added to the topic later change no key's queue (instances spreading keys over the queues each had seen
 * both won a key when one had seen more).
 * <p>
 * Give each repository a topic of its own. The client settings (name servers, ACL, TLS, namespace) are the CamelContext's
 * {@code rocketmq} component's unless {@link #setConfiguration(RocketMQConfiguration)} gives others.
 */
@Metadata(label = "bean", title = "RocketMQ Idempotent Repository",
          description = "Idempotent repository on a RocketMQ topic that every instance of a service shares: exactly one"
                        + " instance wins each key.",
          annotations = { "interfaceName=org.apache.camel.spi.IdempotentRepository" })
public class RocketMQIdempotentRepository extends ServiceSupport implements IdempotentRepository, CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(RocketMQIdempotentRepository.class);
    private static final long POLL_MILLIS = 100;
    /**
     * A start's queue behind its end and read no further for this long is sought again; the wait doubles after each
     * seek, so that pulls merely slow (a loaded machine) are not cancelled over and over.
     */
    private static final long STALLED_START_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The tag of the record that creates a new topic; the view skips it. */
    private static final String OPEN = "open";

    private CamelContext camelContext;
    @Metadata(description = "The topic the repository's instances share; one topic per repository.", required = true)
    private String topic;
    @Metadata(description = "Client settings (namesrvAddr, ACL, TLS, namespace); default: the CamelContext's rocketmq"
                            + " component's.")
    private RocketMQConfiguration configuration;
    @Metadata(description = "How many keys each instance keeps; beyond it the oldest claims are forgotten.",
              defaultValue = "1000000")
    private int maxKeys = 1_000_000;
    @Metadata(description = "How long after its claim was stored a key is forgotten; zero for never.",
              defaultValue = "0", javaType = "java.time.Duration")
    private Duration expireAfter = Duration.ZERO;
    @Metadata(description = "How long add and remove wait to read their record back before they fail, and how long"
                            + " a start retries its calls to the name server and broker; must be positive.",
              defaultValue = "10000", javaType = "java.time.Duration")
    private Duration decisionTimeout = Duration.ofSeconds(10);
    @Metadata(description = "Positive (default 5 minutes): a claim is pending until its exchange completes (confirm);"
                            + " a copy of the message arriving meanwhile fails and comes again, and an unconfirmed"
                            + " claim is taken over this long after it was stored, so a key whose instance died is"
                            + " processed again. Zero: a key's claim is final once it wins (Camel's eager idempotent"
                            + " consumer as other repositories do it), and such a key's message is lost.",
              defaultValue = "300000", javaType = "java.time.Duration")
    private Duration claimTimeout = Duration.ofMinutes(5);
    @Metadata(description = "How often each instance writes the topic's layout (the queues its keys are spread over)"
                            + " to those queues again, so that the brokers' retention never deletes the last copy"
                            + " while instances run; positive, below the brokers' fileReservedTime.",
              defaultValue = "3600000", javaType = "java.time.Duration")
    private Duration layoutRewriteInterval = Duration.ofHours(1);

    private final String instanceId = UUID.randomUUID().toString();
    private final AtomicLong requests = new AtomicLong();
    private KeyLog log;
    private DefaultMQProducer producer;
    /** A key's records go to its queue of the layout only: a remove written elsewhere would free nothing. */
    private volatile HomeQueueSelector homeQueues;
    /** The queues of the topic's layout, once read. */
    private volatile List<QueuePlace> layout;
    /** When the reader's thread last wrote the layout again (System.nanoTime()); 0: not yet. */
    private long layoutRewrittenAt;
    private DefaultLitePullConsumer reader;
    private Thread readerThread;
    private volatile boolean reading;
    private UnfinishedRemoves unfinishedRemoves;
    /** With claimTimeout: the pending claims this instance won, by key, until they are confirmed or removed. */
    private final Map<String, String> pendingClaims = new ConcurrentHashMap<>();
    /** The reader's queues by broker and queue id, as records name them. */
    private final Map<String, MessageQueue> assigned = new ConcurrentHashMap<>();
    /** Queues to read again from their next record, by the reader's thread. */
    private final Set<MessageQueue> rereads = ConcurrentHashMap.newKeySet();

    public RocketMQIdempotentRepository() {
    }

    public RocketMQIdempotentRepository(String topic) {
        this.topic = topic;
    }

    @Override
    protected void doStart() throws Exception {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("RocketMQIdempotentRepository needs a topic: the one topic its instances share");
        }
        TopicNames.check(topic, settings().getNamespace(), "RocketMQIdempotentRepository topic=");
        if (maxKeys < 1) {
            throw new IllegalArgumentException("RocketMQIdempotentRepository maxKeys=" + maxKeys + " must be at least 1");
        }
        if (decisionTimeout == null || decisionTimeout.isNegative() || decisionTimeout.isZero()) {
            throw new IllegalArgumentException("RocketMQIdempotentRepository decisionTimeout=" + decisionTimeout
                                               + " must be positive");
        }
        if (claimTimeout == null || claimTimeout.isNegative()) {
            throw new IllegalArgumentException("RocketMQIdempotentRepository claimTimeout=" + claimTimeout
                                               + " must be zero (claims final once they win) or positive");
        }
        if (layoutRewriteInterval == null || layoutRewriteInterval.isNegative() || layoutRewriteInterval.isZero()) {
            throw new IllegalArgumentException("RocketMQIdempotentRepository layoutRewriteInterval="
                                               + layoutRewriteInterval + " must be positive");
        }
        if (expireAfter == null || expireAfter.isNegative()) {
            throw new IllegalArgumentException("RocketMQIdempotentRepository expireAfter=" + expireAfter
                                               + " must be zero (never) or positive");
        }
        try {
            startClientsAndRead();
        } catch (Exception | Error e) {
            doStop();
            throw e;
        }
    }

    @SuppressWarnings("deprecation") // the producer's admin calls apply the namespace to the queue
    private void startClientsAndRead() throws Exception {
        RocketMQConfiguration settings = settings();
        String name = "rocketcamel-idempotent-" + topic;
        producer = RocketMQClients.producer(settings, name.replaceAll("[^%|a-zA-Z0-9_-]", "_"), name + "-" + instanceId,
                RocketMQClients.activity(settings));
        producer.start();
        reader = RocketMQClients.assignedPullConsumer(settings, name.replaceAll("[^%|a-zA-Z0-9_-]", "_"),
                name + "-reader-" + instanceId, RocketMQClients.activity(settings));
        reader.start();
        long deadline = System.nanoTime() + decisionTimeout.toNanos();
        Collection<MessageQueue> queues = queues(deadline);
        log = new KeyLog(Math.max(1, maxKeys / queues.size()), expireAfter.toMillis());
        reader.assign(queues);
        for (MessageQueue queue : queues) {
            assigned.put(place(queue.getBrokerName(), queue.getQueueId()), queue);
            untilDecisionTimeout(deadline, "seeking queue " + queue.getQueueId() + " to its first record", () -> {
                long first = producer.minOffset(queue);
                log.startAt(queue.getBrokerName(), queue.getQueueId(), first);
                reader.seek(queue, first);
                return queue;
            });
        }
        reading = true;
        readerThread = new Thread(this::read, "RocketMQIdempotentRepository-" + topic);
        readerThread.setDaemon(true);
        readerThread.start();
        awaitCaughtUp(queues);
        layout = layout(queues);
        homeQueues = HomeQueueSelector.over(layout, "of the " + layout.size() + " of the topic's layout");
        unfinishedRemoves = new UnfinishedRemoves(topic,
                (key, released) -> record(KeyLog.REMOVE, key, released, nextClaim()));
    }

    /**
     * The queues keys are spread over, the same for every instance: those named by the first layout record of the
     * first queue, in the client's order (broker name, queue id), that holds one. When none does, this instance writes
     * one to each queue, naming the queues it found (in each, so that an instance starting while a broker is down
     * still finds it), and takes whichever layout the first queue then holds first (another instance may have written
     * one meanwhile). Queues added to the topic later are not used; a queue of the layout whose broker is gone refuses
     * its keys, as a broker down does.
     */
    private List<QueuePlace> layout(Collection<MessageQueue> queues) {
        List<QueuePlace> found = new ArrayList<>(queues.stream().map(QueuePlace::of).toList());
        found.sort(Comparator.comparing(QueuePlace::brokerName).thenComparingInt(QueuePlace::queueId));
        Optional<List<QueuePlace>> layout = firstLayout(found);
        if (layout.isEmpty()) {
            for (QueuePlace queue : found) {
                try {
                    sendAndRead(layoutRecord(found), nextClaim(),
                            written -> producer.send(written, only(queue), topic));
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("Idempotent repository topic " + topic + ": cannot write the"
                                                    + " layout of its keys to queue " + queue + ": " + e, e);
                }
            }
            layout = firstLayout(found);
        }
        List<QueuePlace> spread = layout.orElseThrow();
        List<QueuePlace> unused = found.stream().filter(place -> !spread.contains(place)).toList();
        if (!unused.isEmpty()) {
            LOG.warn("Idempotent repository topic {}: its keys are spread over the {} queues of its layout ({}), not"
                     + " over {}, added since: use a new topic to spread keys over more queues", topic, spread.size(),
                    spread, unused);
        }
        return spread;
    }

    private Message layoutRecord(List<QueuePlace> queues) {
        String names = queues.stream().map(QueuePlace::toString).collect(Collectors.joining("\n"));
        return new Message(topic, KeyLog.LAYOUT, names.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes the layout to its queues again every layoutRewriteInterval, asynchronously (the reader's thread checks
     * when it is due; a send that waited on a broker there would hold up every add): the brokers' retention deletes a
     * queue's oldest records, the layout's too, and an instance starting after that would write one of its own, naming
     * the queues the topic has then.
     */
    private void rewriteLayoutWhenDue() {
        List<QueuePlace> spread = layout;
        if (spread == null || layoutRewrittenAt != 0
                              && System.nanoTime() - layoutRewrittenAt < layoutRewriteInterval.toNanos()) {
            return;
        }
        layoutRewrittenAt = System.nanoTime();
        for (QueuePlace queue : spread) {
            SendCallback outcome = new SendCallback() {
                @Override
                public void onSuccess(SendResult sent) {
                }

                @Override
                public void onException(Throwable e) {
                    LOG.warn("Idempotent repository topic {}: cannot write its layout again to queue {}, tried again in"
                             + " {}: {}", topic, queue, layoutRewriteInterval, e.toString());
                }
            };
            try {
                producer.send(layoutRecord(spread), only(queue), topic, outcome);
            } catch (MQClientException | RemotingException e) {
                outcome.onException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static HomeQueueSelector only(QueuePlace queue) {
        return HomeQueueSelector.only(queue, "one of the queues the layout is written to");
    }

    private Optional<List<QueuePlace>> firstLayout(List<QueuePlace> queues) {
        return queues.stream().map(log::layoutIn).flatMap(Optional::stream).findFirst();
    }

    /**
     * The topic's queues; a topic that does not exist yet is created by a first record, as the broker creates topics
     * on their first send when it is allowed to (otherwise the start fails naming the topic).
     */
    private Collection<MessageQueue> queues(long deadline) throws Exception {
        AtomicBoolean opened = new AtomicBoolean();
        return untilDecisionTimeout(deadline, "finding its queues (create the topic where brokers do not create topics"
                                              + " on a first send)", () -> {
            try {
                return reader.fetchMessageQueues(topic);
            } catch (MQClientException unknown) {
                if (!opened.get()) {
                    // the client refuses an empty body; the view skips this record by its tag
                    producer.send(new Message(topic, OPEN, instanceId.getBytes(StandardCharsets.UTF_8)));
                    opened.set(true);
                }
                throw unknown;
            }
        });
    }

    /** A call a start makes to the name server or a broker. */
    @FunctionalInterface
    private interface StartCall<T> {
        T call() throws MQClientException, RemotingException, MQBrokerException, InterruptedException;
    }

    /**
     * Retries a start's call until the deadline: a broker not registered yet, or a connection closed under a call, fails
     * one call, and the client connects again on the next.
     */
    private <T> T untilDecisionTimeout(long deadline, String step, StartCall<T> call) throws InterruptedException {
        boolean warned = false;
        while (true) {
            try {
                return call.call();
            } catch (MQClientException | RemotingException | MQBrokerException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Idempotent repository topic " + topic + ": " + step
                                                    + " failed for decisionTimeout=" + decisionTimeout + ": " + e.getMessage(), e);
                }
                if (!warned) {
                    LOG.warn("Idempotent repository topic {}: {} failed, retrying until decisionTimeout={}: {}", topic, step,
                            decisionTimeout, e.toString());
                    warned = true;
                }
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            }
        }
    }

    private RocketMQConfiguration settings() {
        if (configuration != null) {
            return configuration;
        }
        RocketMQComponent component = camelContext == null ? null
                : camelContext.getComponent("rocketmq", true) instanceof RocketMQComponent c ? c : null;
        return component == null ? new RocketMQConfiguration() : component.getConfiguration();
    }

    private void read() {
        while (reading) {
            try {
                rereadRequested();
                rewriteLayoutWhenDue();
                for (MessageExt record : reader.poll(POLL_MILLIS)) {
                    if (log.apply(record) == KeyLog.Place.AHEAD) {
                        // its queue's later records in this batch are ahead too, and are read again
                        rereads.add(assigned.get(place(record.getBrokerName(), record.getQueueId())));
                    }
                }
            } catch (RuntimeException e) {
                if (reading) {
                    LOG.warn("Reading idempotent repository topic {} failed; retrying: {}", topic, e.toString());
                }
            }
        }
    }

    /**
     * Seeks each queue that needs it back to its next record; in the reader's thread, as its polls. The client's reader
     * handed over records past some it never delivered (a pull task replaced by a seek, finishing after the new task
     * had taken the seek), or lost a start's seek and read from the group's committed offset.
     */
    @SuppressWarnings("deprecation") // the producer's admin calls apply the namespace to the queue
    private void rereadRequested() {
        for (MessageQueue queue : List.copyOf(rereads)) {
            long next = log.nextOffset(queue.getBrokerName(), queue.getQueueId());
            try {
                long first = producer.minOffset(queue);
                if (next < first) {
                    LOG.warn("Idempotent repository topic {}: the broker deleted records of queue {} before this instance"
                             + " read them (offsets {} to {}); the keys they claimed are unknown here", topic,
                            queue.getQueueId(), next, first - 1);
                    next = first;
                    log.startAt(queue.getBrokerName(), queue.getQueueId(), first);
                }
                reader.seek(queue, next);
                rereads.remove(queue);
                LOG.info("Idempotent repository topic {}: queue {} is read again from offset {}, its next record",
                        topic, queue.getQueueId(), next);
            } catch (MQClientException e) {
                LOG.warn("Idempotent repository topic {}: cannot read queue {} again from offset {} yet, retrying: {}",
                        topic, queue.getQueueId(), next, e.toString());
            }
        }
    }

    private static String place(String brokerName, int queueId) {
        return brokerName + "/" + queueId;
    }

    /** contains answers from what was read: reading up to the end as of now makes a restarted instance know its past. */
    @SuppressWarnings("deprecation") // the producer's admin calls apply the namespace to the queue
    private void awaitCaughtUp(Collection<MessageQueue> queues) throws Exception {
        long deadline = System.nanoTime() + decisionTimeout.toNanos();
        Map<MessageQueue, Long> ends = new LinkedHashMap<>();
        for (MessageQueue queue : queues) {
            ends.put(queue, untilDecisionTimeout(deadline, "reading where queue " + queue.getQueueId() + " ends",
                    () -> producer.maxOffset(queue)));
        }
        Map<MessageQueue, Long> progress = new HashMap<>();
        long stalledSince = System.nanoTime();
        long stallNanos = STALLED_START_NANOS;
        while (!behind(ends).isEmpty()) {
            if (System.nanoTime() > deadline) {
                LOG.warn("Idempotent repository topic {} not read to its end within {}: decisions stay exact, but"
                         + " contains may miss keys until it is; read up to (of the end) {}", topic, decisionTimeout,
                        behind(ends));
                return;
            }
            Map<MessageQueue, Long> read = readOffsets(ends.keySet());
            if (!read.equals(progress)) {
                progress = read;
                stalledSince = System.nanoTime();
            } else if (System.nanoTime() - stalledSince > stallNanos) {
                // a seek the client lost leaves its queue waiting at the group's committed offset, or at its end
                ends.forEach((queue, end) -> {
                    if (read.get(queue) < end) {
                        rereads.add(queue);
                    }
                });
                stalledSince = System.nanoTime();
                stallNanos *= 2;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        LOG.info("Idempotent repository on topic {} started with {} key(s)", topic, log.size());
    }

    private Map<MessageQueue, Long> readOffsets(Collection<MessageQueue> queues) {
        Map<MessageQueue, Long> read = new HashMap<>();
        queues.forEach(queue -> read.put(queue, log.nextOffset(queue.getBrokerName(), queue.getQueueId())));
        return read;
    }

    /** The queues not read to their end yet, each with how far it was read out of its end. */
    private List<String> behind(Map<MessageQueue, Long> ends) {
        List<String> behind = new ArrayList<>();
        ends.forEach((queue, end) -> {
            long read = log.nextOffset(queue.getBrokerName(), queue.getQueueId());
            if (read < end) {
                behind.add(queue.getBrokerName() + "/" + queue.getQueueId() + " " + read + " of " + end);
            }
        });
        return behind;
    }

    @Override
    protected void doStop() throws Exception {
        if (unfinishedRemoves != null) {
            unfinishedRemoves.close();
            unfinishedRemoves = null;
        }
        reading = false;
        if (readerThread != null) {
            readerThread.join(TimeUnit.SECONDS.toMillis(5));
            readerThread = null;
        }
        if (reader != null) {
            PromptShutdown.of(reader);
            reader = null;
        }
        if (producer != null) {
            PromptShutdown.of(producer);
            producer = null;
        }
    }

    /**
     * @throws ClaimInProgressException with {@code claimTimeout}, when the key is held by a claim whose exchange has not
     *                                  completed yet: this copy fails and comes again
     */
    @Override
    public boolean add(String key) {
        requireKey(key);
        requireStarted();
        unfinishedRemoves.finish(key);
        KeyLog.Decision known = log.owned(key);
        if (known == KeyLog.Decision.REFUSED) {
            return false;
        }
        if (known == KeyLog.Decision.IN_PROGRESS) {
            throw new ClaimInProgressException(key, topic, claimTimeout);
        }
        String claim = nextClaim();
        boolean won = record(KeyLog.ADD, key, null, claim);
        if (won && !claimTimeout.isZero()) {
            pendingClaims.put(key, claim);
        }
        return won;
    }

    /**
     * With {@code claimTimeout}, makes this instance's pending claim of the key final: Camel's idempotent consumer calls
     * it when the exchange completed. A confirm that cannot be written is logged and leaves the claim pending, to be
     * taken over by a copy after {@code claimTimeout} (processed twice, never lost).
     */
    @Override
    public boolean confirm(String key) {
        requireStarted();
        String claim = pendingClaims.remove(key);
        if (claim == null) {
            return true;
        }
        try {
            return sendAndRead(claimRecord(KeyLog.CONFIRM, key, KeyLog.CONFIRMS, claim), nextClaim(),
                    confirmed -> producer.send(confirmed, homeQueues, key)) == KeyLog.Decision.APPLIED;
        } catch (Exception e) {
            RuntimeCamelException failure = failure(KeyLog.CONFIRM, key, e);
            LOG.warn("Idempotent repository topic {}: key {} stays claimed pending; a copy of its message after"
                     + " claimTimeout={} is processed again: {}", topic, key, claimTimeout, failure.getMessage());
            return false;
        }
    }

    /**
     * Camel's idempotent consumer confirms an exchange marked rollback-only too (it completes without an exception),
     * which the consumer then redelivers: a confirmed key filtered the redelivery out as a duplicate, so the key of a
     * rolled back exchange is removed instead.
     */
    @Override
    public boolean confirm(Exchange exchange, String key) {
        return ExchangeFailure.of(exchange) != null ? remove(key) : confirm(key);
    }

    @Override
    public boolean contains(String key) {
        requireKey(key);
        requireStarted();
        return log.contains(key);
    }

    /**
     * Frees the key. With a claim of this instance pending on it (the exchange that claimed it failed), only that
     * claim: a copy on another instance may have taken the key over after claimTimeout, and its claim stays.
     */
    @Override
    public boolean remove(String key) {
        requireKey(key);
        requireStarted();
        String ownClaim = pendingClaims.remove(key);
        try {
            boolean removed = record(KeyLog.REMOVE, key, ownClaim, nextClaim());
            unfinishedRemoves.done(key);
            return removed;
        } catch (RuntimeCamelException e) {
            unfinishedRemoves.failed(key, ownClaim);
            throw e;
        }
    }

    /**
     * Camel's idempotent consumer starts and stops its repository with its route: one stopped by a route it was shared
     * with failed the other route's exchanges with a NullPointerException.
     */
    private void requireStarted() {
        if (!isStarted()) {
            throw new IllegalStateException("Idempotent repository on topic " + topic + " is "
                                            + (isStopped() ? "stopped" : "not started") + ": Camel's idempotent"
                                            + " consumer starts and stops its repository with its route, so routes"
                                            + " sharing one repository stop it for each other. Give each route a"
                                            + " repository of its own on the same topic: the instances of a topic share"
                                            + " its keys, in one JVM as across several");
        }
    }

    /** A key is its records' body, and RocketMQ refuses a message without one. */
    private void requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("An idempotent key must not be empty: the idempotent consumer's expression"
                                               + " gave " + (key == null ? "null" : "\"\"") + " (topic " + topic + ")");
        }
    }

    /**
     * Writes a clear record to every queue and returns once this instance has read them all: its view is then empty.
     * The record's body names the instance (the client refuses a record without a body, which always failed clear).
     */
    @Override
    public void clear() {
        requireStarted();
        try {
            for (MessageQueue queue : producer.fetchPublishMessageQueues(topic)) {
                Message record = new Message(topic, KeyLog.CLEAR, instanceId.getBytes(StandardCharsets.UTF_8));
                sendAndRead(record, nextClaim(), clear -> producer.send(clear, queue));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeCamelException("Interrupted clearing idempotent repository topic " + topic, e);
        } catch (Exception e) {
            throw new RuntimeCamelException("Cannot clear idempotent repository topic " + topic, e);
        }
    }

    /**
     * Writes the record to the key's queue and waits until this instance has read it: then the answer is known.
     *
     * @param released for a remove, the claim it releases (it removes the key only while that claim owns it), or null
     */
    private boolean record(String action, String key, String released, String claim) {
        Message record = claimRecord(action, key, KeyLog.RELEASES, released);
        if (action.equals(KeyLog.ADD) && !claimTimeout.isZero()) {
            record.putUserProperty(KeyLog.PENDING_FOR, Long.toString(claimTimeout.toMillis()));
        }
        KeyLog.Decision decision;
        try {
            decision = sendAndRead(record, claim, claimed -> producer.send(claimed, homeQueues, key));
        } catch (Exception e) {
            if (action.equals(KeyLog.ADD)) {
                release(key, claim);
            }
            throw failure(action, key, e);
        }
        if (decision == KeyLog.Decision.IN_PROGRESS) {
            throw new ClaimInProgressException(key, topic, claimTimeout);
        }
        return decision == KeyLog.Decision.APPLIED;
    }

    /** A record of the key, with a user property naming another claim (the one it releases or confirms) if given. */
    private Message claimRecord(String action, String key, String property, String otherClaim) {
        Message record = new Message(topic, action, key.getBytes(StandardCharsets.UTF_8));
        if (otherClaim != null) {
            record.putUserProperty(property, otherClaim);
        }
        return record;
    }

    /** How a record reaches its queue. */
    @FunctionalInterface
    private interface RecordSend {
        SendResult send(Message record) throws Exception;
    }

    /** Sends the record under the claim and waits until this instance has read it back: what reading it decided. */
    private KeyLog.Decision sendAndRead(Message record, String claim, RecordSend send) throws Exception {
        CompletableFuture<KeyLog.Decision> decision = log.await(claim);
        try {
            record.putUserProperty(KeyLog.CLAIM, claim);
            SendResult sent = send.send(record);
            if (sent.getSendStatus() != SendStatus.SEND_OK) {
                throw new IllegalStateException("The broker stored the " + record.getTags() + " record with status "
                                                + sent.getSendStatus());
            }
            return decision.get(decisionTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            log.forget(claim);
        }
    }

    private RuntimeCamelException failure(String action, String key, Exception e) {
        if (e instanceof TimeoutException) {
            return new RuntimeCamelException("The " + action + " of key " + key + " on idempotent repository topic "
                                             + topic + " was not read back within decisionTimeout=" + decisionTimeout, e);
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new RuntimeCamelException(e);
        }
        if (e instanceof ExecutionException) {
            return new RuntimeCamelException(e.getCause());
        }
        if (e instanceof RuntimeCamelException camel) {
            return camel;
        }
        String refusal = HomeQueueSelector.refusal(e);
        return new RuntimeCamelException("Cannot write the " + action + " of key " + key + " to idempotent repository"
                                         + " topic " + topic + ": " + (refusal != null ? refusal : e.getMessage()), e);
    }

    /**
     * The add failed, yet its claim may be stored and win: the caller's redelivery would then find the key taken and
     * be skipped as a duplicate, its message never processed. The release removes the key only while that claim owns
     * it, so it cannot free another instance's key; it is awaited like any record, so this instance's view is free of
     * the key before the add fails.
     */
    private void release(String key, String claim) {
        try {
            record(KeyLog.REMOVE, key, claim, nextClaim());
        } catch (RuntimeCamelException e) {
            LOG.warn("Idempotent repository topic {}: the failed add of key {} may have left its claim; its release is"
                     + " retried, and an add of the key here completes it first: {}", topic, key, e.toString());
            unfinishedRemoves.failed(key, claim);
        }
    }

    /** A record's id: this instance's and the request's, so the instance knows its own records when it reads them. */
    private String nextClaim() {
        return instanceId + ":" + requests.incrementAndGet();
    }

    /** How many keys this instance's view holds. */
    public int size() {
        return log == null ? 0 : log.size();
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    public String getTopic() {
        return topic;
    }

    /** The topic the repository's instances share; one topic per repository. */
    public void setTopic(String topic) {
        this.topic = topic;
    }

    public RocketMQConfiguration getConfiguration() {
        return configuration;
    }

    /** Client settings (namesrvAddr, ACL, TLS, namespace); default: the CamelContext's rocketmq component's. */
    public void setConfiguration(RocketMQConfiguration configuration) {
        this.configuration = configuration;
    }

    public int getMaxKeys() {
        return maxKeys;
    }

    /** How many keys each instance keeps (default 1,000,000); beyond it the oldest claims are forgotten. */
    public void setMaxKeys(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    public Duration getExpireAfter() {
        return expireAfter;
    }

    /** How long after its claim was stored a key is forgotten; zero (the default) for never. */
    public void setExpireAfter(Duration expireAfter) {
        this.expireAfter = expireAfter;
    }

    public Duration getClaimTimeout() {
        return claimTimeout;
    }

    /**
     * Positive (default 5 minutes): a claim is pending until its exchange completes (Camel calls {@code confirm}, one
     * more record); a copy arriving meanwhile fails with {@link ClaimInProgressException} and comes again; an
     * unconfirmed claim is taken over by a claim stored this long after it, so the message of an instance that died is
     * processed again. Longer than the routes' processing takes, or a slow exchange's key is processed twice; shorter
     * than the message's redeliveries last, or a copy ends in the dead-letter path. Zero: a key's claim is final once it
     * wins, as Camel's eager idempotent consumer does it with other repositories: a key claimed by an instance that dies
     * before its exchange completes stays claimed, and a copy of the message arriving while the first is in progress is
     * skipped as a duplicate, so such a message is lost; it saves the confirm record. Every instance of a repository
     * must use the same value.
     */
    public void setClaimTimeout(Duration claimTimeout) {
        this.claimTimeout = claimTimeout;
    }

    public Duration getLayoutRewriteInterval() {
        return layoutRewriteInterval;
    }

    /**
     * How often each instance writes the topic's layout (the queues its keys are spread over) to those queues again,
     * so that the brokers' retention ({@code fileReservedTime}, 72 h by default) never deletes the last copy while
     * instances run (default 1 h; must be positive and below the brokers' fileReservedTime).
     */
    public void setLayoutRewriteInterval(Duration layoutRewriteInterval) {
        this.layoutRewriteInterval = layoutRewriteInterval;
    }

    public Duration getDecisionTimeout() {
        return decisionTimeout;
    }

    /**
     * How long {@code add} and {@code remove} wait to read their record back before they fail, and how long a start
     * retries a failed call to the name server or broker before the start fails (default 10 s; must be positive).
     */
    public void setDecisionTimeout(Duration decisionTimeout) {
        this.decisionTimeout = decisionTimeout;
    }
}
