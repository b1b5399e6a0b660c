package io.rocketcamel.component.rocketmq.saga;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.rocketcamel.component.rocketmq.RocketMQComponent;
import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.internal.ClientInstanceNames;
import io.rocketcamel.component.rocketmq.internal.NamesrvAddresses;
import io.rocketcamel.component.rocketmq.internal.TimerLimits;
import io.rocketcamel.component.rocketmq.internal.TopicNames;
import io.rocketcamel.component.rocketmq.saga.SagaEvent.Type;
import io.rocketcamel.component.rocketmq.saga.SagaState.Status;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.StartupListener;
import org.apache.camel.saga.CamelSagaCoordinator;
import org.apache.camel.saga.CamelSagaService;
import org.apache.camel.saga.CamelSagaStep;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CamelSagaService} whose sagas live in RocketMQ: creating a saga, each step joining (with its compensation
 * and completion endpoints and options), completion and compensation requests, timeouts and every callback's outcome
 * are events on one topic, all events of a saga in one queue. Each participant (a service, all of its instances
 * sharing one name) consumes that topic ORDERLY and runs the callbacks of its own steps at least once, the last
 * joined step first, retrying failures with back-off and moving them to a dead-letter topic after the last attempt.
 * A participant restarted after a crash replays the sagas it had open and carries on. Step timeouts are RocketMQ
 * timer messages.
 * <p>
 * Add it to the CamelContext ({@code context.addService(saga)}) or bind it in the registry; the saga id travels in
 * Camel's {@code Long-Running-Action} header, which {@code rocketmq:} endpoints carry as a message property, so steps
 * of other services (other CamelContexts, other JVMs) join the same saga. Its clients run from its first start until
 * the CamelContext stops: a saga route that stops does not stop them, other saga routes may still need them. See
 * {@code docs/saga.md}.
 */
public class RocketMQSagaService extends ServiceSupport implements CamelSagaService {

    /** The default saga topic. */
    public static final String DEFAULT_TOPIC = "rocketcamel-saga";
    /** The default topic of callbacks that failed their last attempt. */
    public static final String DEFAULT_DEAD_LETTER_TOPIC = "rocketcamel-saga-dlq";
    /** Header on callback exchanges: the id of the step whose callback it is (unique per join). */
    public static final String STEP_ID_HEADER = "CamelRocketMQSagaStepId";
    /** Header on callback exchanges: the attempt, from 1. */
    public static final String ATTEMPT_HEADER = "CamelRocketMQSagaAttempt";

    private static final Logger LOG = LoggerFactory.getLogger(RocketMQSagaService.class);
    /** Numbers the services of this JVM: each needs a client instance of its own. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,200}");
    private static final Pattern SAGA_ID = Pattern.compile("[^\\s\\p{Cntrl}]{1,255}");
    private static final List<String> RESERVED_HEADERS
            = List.of(Exchange.SAGA_LONG_RUNNING_ACTION, STEP_ID_HEADER, ATTEMPT_HEADER);

    private CamelContext camelContext;
    private String participant;
    private String topic = DEFAULT_TOPIC;
    private String deadLetterTopic = DEFAULT_DEAD_LETTER_TOPIC;
    private String namesrvAddr;
    private String namespace;
    private String accessKey;
    private String secretKey;
    private String instanceName;
    private int maxAttempts = 10;
    private Duration retryDelay = Duration.ofSeconds(1);
    private Duration maxRetryDelay = Duration.ofMinutes(5);
    private Duration lateJoinWindow = Duration.ofMinutes(5);
    private Duration maxTimeout = TimerLimits.DEFAULT_TIMER_MAX_DELAY;
    private Duration sendTimeout = Duration.ofSeconds(5);

    private final SagaDecisions decisions = new SagaDecisions();
    private final Set<String> declaredEndpoints = ConcurrentHashMap.newKeySet();
    private boolean hooked;
    private SagaClients clients;
    private SagaLog log;
    private StepCallbacks callbacks;
    private SagaLogReader reader;
    /** The reader's {@link io.rocketcamel.component.rocketmq.internal.AllocationWatch} thread, while it runs. */
    private ScheduledExecutorService readerWatch;

    @Override
    public CompletableFuture<CamelSagaCoordinator> newSaga(Exchange exchange) {
        try {
            String sagaId = log().newSagaId();
            log().append(SagaEvent.created(sagaId, participant));
            return CompletableFuture.completedFuture(new RocketMQSagaCoordinator(this, sagaId));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<CamelSagaCoordinator> getSaga(String id) {
        if (id == null || !SAGA_ID.matcher(id).matches()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "'" + id + "' is no saga id: " + Exchange.SAGA_LONG_RUNNING_ACTION
                                                                               + " must be 1 to 255 characters without spaces"));
        }
        return CompletableFuture.completedFuture(new RocketMQSagaCoordinator(this, id));
    }

    /**
     * Called for each saga of a route when the route is created: a step this service cannot run is refused here, so
     * the route does not start.
     */
    @Override
    public void registerStep(CamelSagaStep step) {
        for (String option : step.getOptions().keySet()) {
            if (RESERVED_HEADERS.stream().anyMatch(option::equalsIgnoreCase)) {
                throw new IllegalArgumentException("Saga option '" + option + "' would replace the header of that name on"
                                                   + " the callbacks, which RocketMQSagaService sets; choose another name");
            }
        }
        step.getTimeoutInMilliseconds().ifPresent(timeout -> {
            // steps register as their routes are made, before the service starts and validates itself
            requirePositive("maxTimeout", maxTimeout);
            if (timeout < 0 || timeout > maxTimeout.toMillis()) {
                throw new IllegalArgumentException("Saga timeout " + Duration.ofMillis(timeout) + " is out of range: a"
                                                   + " timeout is a RocketMQ timer message, from 0 up to maxTimeout ("
                                                   + maxTimeout + "), which must not exceed the brokers' timerMaxDelaySec");
            }
        });
        step.getCompensation().map(Endpoint::getEndpointUri).ifPresent(declaredEndpoints::add);
        step.getCompletion().map(Endpoint::getEndpointUri).ifPresent(declaredEndpoints::add);
    }

    /**
     * Gives the dead-lettered callbacks of a saga (of every participant that has some) a new set of attempts. The
     * dead-letter topic names the saga of each callback there; the saga id is also its messages' key and its
     * {@code Long-Running-Action} property.
     */
    public void redrive(String sagaId) {
        log().append(SagaEvent.request(Type.REDRIVE, sagaId, participant, "re-drive requested"));
    }

    @Override
    protected synchronized void doStart() throws Exception {
        if (log != null) {
            return;
        }
        if (camelContext == null) {
            throw new IllegalStateException("RocketMQSagaService has no CamelContext: add it with"
                                            + " camelContext.addService(sagaService), or let Camel inject it");
        }
        resolveParticipant();
        validate();
        clients = new SagaClients(resolved(namesrvAddr, RocketMQConfiguration::getNamesrvAddr),
                resolved(namespace, RocketMQConfiguration::getNamespace),
                resolved(accessKey, RocketMQConfiguration::getAccessKey),
                resolved(secretKey, RocketMQConfiguration::getSecretKey),
                instanceName != null ? instanceName
                        : ClientInstanceNames.next(group()),
                componentUsesTls());
        SagaLog started = new SagaLog(clients, group(), topic, deadLetterTopic, sendTimeout.toMillis());
        try {
            started.start(maxTimeout);
        } catch (Exception e) {
            started.close();
            throw e;
        }
        log = started;
        callbacks = new StepCallbacks(camelContext, declaredEndpoints);
        hookIntoContext();
        if (camelContext.isStarted()) {
            startReader();
        }
        LOG.info("RocketMQSagaService started: participant {}, saga topic {}, dead-letter topic {}, name server {}",
                participant, topic, deadLetterTopic, clients.namesrvAddr());
    }

    /** Only when the CamelContext stops: a saga route stopping stops its processor, which would stop this service. */
    @Override
    protected void doStop() throws Exception {
        if (camelContext == null || camelContext.isStopping() || camelContext.isStopped()) {
            closeClients();
        } else {
            LOG.debug("RocketMQSagaService keeps running while CamelContext {} runs", camelContext.getName());
        }
    }

    /** The callbacks stop before the routes they call; the clients after the routes that write events. */
    private void hookIntoContext() throws Exception {
        if (hooked) {
            return;
        }
        hooked = true;
        camelContext.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopping(CamelContext context) {
                stopReader();
            }

            @Override
            public void onContextStopped(CamelContext context) {
                closeClients();
            }
        });
        camelContext.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                // the routes, and the endpoints the callbacks call, are not started yet
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
                startReader();
            }
        });
    }

    private synchronized void startReader() throws Exception {
        if (reader != null || log == null) {
            return;
        }
        CallbackDriver driver = new CallbackDriver(participant, log, callbacks,
                new RetryPolicy(maxAttempts, retryDelay.toMillis(), maxRetryDelay.toMillis()));
        SagaLogReader started = new SagaLogReader(clients, group(), topic,
                () -> new SagaFold(participant, lateJoinWindow.toMillis(), decisions), driver);
        ScheduledExecutorService watch = camelContext.getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "RocketMQSagaAllocationWatch");
        try {
            started.start(watch);
        } catch (Exception e) {
            camelContext.getExecutorServiceManager().shutdown(watch);
            throw e;
        }
        reader = started;
        readerWatch = watch;
    }

    private synchronized void stopReader() {
        if (reader != null) {
            reader.stop();
            reader = null;
            camelContext.getExecutorServiceManager().shutdown(readerWatch);
            readerWatch = null;
        }
    }

    private synchronized void closeClients() {
        stopReader();
        if (log != null) {
            log.close();
            log = null;
        }
        if (callbacks != null) {
            try {
                callbacks.close();
            } catch (Exception e) {
                LOG.debug("Closing the callbacks' producer template failed", e);
            }
            callbacks = null;
        }
    }

    SagaLog log() {
        SagaLog current = log;
        if (current == null) {
            throw new IllegalStateException("RocketMQSagaService of participant " + participant + " is not started");
        }
        return current;
    }

    /** The decision of the saga, when this instance has read it from the log. */
    Optional<Status> knownDecision(String sagaId) {
        return decisions.of(sagaId);
    }

    private String group() {
        return "rocketcamel-saga-" + participant;
    }

    private void resolveParticipant() {
        if (participant != null) {
            return;
        }
        if (!camelContext.getNameStrategy().isFixedName()) {
            throw new IllegalArgumentException("RocketMQSagaService needs a participant: a name that stays the same across"
                                               + " restarts and that every instance of this service shares (it names"
                                               + " the consumer group that runs its callbacks). Set participant, or give"
                                               + " CamelContext " + camelContext.getName() + " a fixed name");
        }
        participant = camelContext.getName();
    }

    private void validate() {
        requireName("participant", participant);
        // a name server that is no host:port was reported at start as a saga topic that does not exist
        NamesrvAddresses.check(resolved(namesrvAddr, RocketMQConfiguration::getNamesrvAddr));
        requireName("topic", topic);
        requireName("deadLetterTopic", deadLetterTopic);
        if (topic.equals(deadLetterTopic)) {
            throw new IllegalArgumentException("deadLetterTopic must differ from topic, both are " + topic);
        }
        // RocketMQ's own limits (127 characters with the namespace): the start would say the topic does not exist
        String resolvedNamespace = resolved(namespace, RocketMQConfiguration::getNamespace);
        TopicNames.check(topic, resolvedNamespace, "topic ");
        TopicNames.check(deadLetterTopic, resolvedNamespace, "deadLetterTopic ");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        requirePositive("retryDelay", retryDelay);
        requirePositive("maxRetryDelay", maxRetryDelay);
        requirePositive("maxTimeout", maxTimeout);
        requirePositive("sendTimeout", sendTimeout);
        if (sendTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sendTimeout (" + sendTimeout + ") must be at most " + Integer.MAX_VALUE
                                               + " ms, the RocketMQ client's limit");
        }
        if (maxRetryDelay.compareTo(retryDelay) < 0) {
            throw new IllegalArgumentException("maxRetryDelay (" + maxRetryDelay + ") must not be below retryDelay ("
                                               + retryDelay + ")");
        }
        // a retry is a timer message too: one due later is refused, and the callback ran again every second for good
        if (maxRetryDelay.compareTo(maxTimeout) > 0) {
            throw new IllegalArgumentException("maxRetryDelay (" + maxRetryDelay + ") must not be above maxTimeout ("
                                               + maxTimeout + "), the longest timer delay the brokers accept"
                                               + " (timerMaxDelaySec): a retry due later is refused by the broker");
        }
        if (lateJoinWindow == null || lateJoinWindow.isNegative()) {
            throw new IllegalArgumentException("lateJoinWindow must be zero or more, was " + lateJoinWindow);
        }
        // the service's keys replace the component's as a pair: one of each made a wrong signature
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException("RocketMQSagaService accessKey and secretKey must be set together (ACL),"
                                               + " only " + (accessKey == null ? "secretKey" : "accessKey") + " is set;"
                                               + " set neither to use the rocketmq component's");
        }
    }

    private static void requireName(String option, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(option + " '" + value + "' is not allowed: use 1 to 200 letters, digits,"
                                               + " '-' or '_' (it names a RocketMQ topic or group)");
        }
    }

    private static void requirePositive(String option, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(option + " must be a positive duration, was " + value);
        }
    }

    /** The rocketmq component's useTls: the saga log talks to the routes' cluster as they do. */
    private boolean componentUsesTls() {
        RocketMQConfiguration component = componentConfiguration();
        return component != null && component.isUseTls();
    }

    /** The service's own setting, else the rocketmq component's, so the saga log is on the routes' cluster. */
    private String resolved(String own, Function<RocketMQConfiguration, String> fromComponent) {
        if (own != null) {
            return own;
        }
        RocketMQConfiguration component = componentConfiguration();
        return component != null ? fromComponent.apply(component) : null;
    }

    private RocketMQConfiguration componentConfiguration() {
        Component component = camelContext.getComponent("rocketmq");
        return component instanceof RocketMQComponent rocketmq ? rocketmq.getConfiguration() : null;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    public String getParticipant() {
        return participant;
    }

    /**
     * The name of this service in its sagas, the same for all its instances and across restarts: its steps'
     * callbacks run in whichever instance holds the saga's queue, in consumer group rocketcamel-saga-(participant).
     * Letters, digits, '-' and '_'. Default: the CamelContext's name, when it is fixed.
     */
    public void setParticipant(String participant) {
        this.participant = participant;
    }

    public String getTopic() {
        return topic;
    }

    /**
     * The saga topic; it must exist before the service starts, with as many queues as consumers should share the
     * work, a count that must not change while sagas run. Default rocketcamel-saga.
     */
    public void setTopic(String topic) {
        this.topic = topic;
    }

    public String getDeadLetterTopic() {
        return deadLetterTopic;
    }

    /**
     * The topic that gets a copy of each callback that failed its last attempt; it must exist before the service
     * starts. Default rocketcamel-saga-dlq.
     */
    public void setDeadLetterTopic(String deadLetterTopic) {
        this.deadLetterTopic = deadLetterTopic;
    }

    public String getNamesrvAddr() {
        return namesrvAddr;
    }

    /** The name server address(es), host:port separated by semicolons. Default: the rocketmq component's. */
    public void setNamesrvAddr(String namesrvAddr) {
        this.namesrvAddr = namesrvAddr;
    }

    public String getNamespace() {
        return namespace;
    }

    /** The RocketMQ namespace of the topics and groups. Default: the rocketmq component's. */
    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getAccessKey() {
        return accessKey;
    }

    /** The access key for a cluster with ACL, set together with secretKey. Default: the rocketmq component's pair. */
    public void setAccessKey(String accessKey) {
        this.accessKey = accessKey;
    }

    public String getSecretKey() {
        return secretKey;
    }

    /** The secret key of the access key. Default: the rocketmq component's. */
    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    public String getInstanceName() {
        return instanceName;
    }

    /**
     * The RocketMQ client instance name. Default: the group name, a number and this JVM's process id and start time,
     * unique across hosts (containers share process ids and addresses). A fixed name lets a process restarted on the
     * same host take its predecessor's queues at once, where the broker otherwise keeps a dead consumer's ORDERLY
     * queue locks for up to 60 s; two running instances must never share one. The saga log's reader runs on a client
     * instance of its own, named so with {@code -reader} appended.
     */
    public void setInstanceName(String instanceName) {
        this.instanceName = instanceName;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    /** How many times a callback is tried before it is dead-lettered. Default 10. */
    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getRetryDelay() {
        return retryDelay;
    }

    /** The wait before a failed callback's second attempt; it doubles for each further attempt. Default 1 s. */
    public void setRetryDelay(Duration retryDelay) {
        this.retryDelay = retryDelay;
    }

    public Duration getMaxRetryDelay() {
        return maxRetryDelay;
    }

    /** The longest wait between two attempts of a callback, at most maxTimeout. Default 5 minutes. */
    public void setMaxRetryDelay(Duration maxRetryDelay) {
        this.maxRetryDelay = maxRetryDelay;
    }

    public Duration getLateJoinWindow() {
        return lateJoinWindow;
    }

    /**
     * How long a participant remembers a decided saga it is done with, so that a step joining it afterwards is
     * recognised as late and compensated; a step joining later than that waits for a decision that will not come.
     * Also how far back a restarted instance replays settled sagas. Default 5 minutes.
     */
    public void setLateJoinWindow(Duration lateJoinWindow) {
        this.lateJoinWindow = lateJoinWindow;
    }

    public Duration getMaxTimeout() {
        return maxTimeout;
    }

    /**
     * The longest saga timeout a route may declare (a longer one fails the route's start): the brokers'
     * timerMaxDelaySec, 3 days by default ({@link TimerLimits#DEFAULT_TIMER_MAX_DELAY}).
     */
    public void setMaxTimeout(Duration maxTimeout) {
        this.maxTimeout = maxTimeout;
    }

    public Duration getSendTimeout() {
        return sendTimeout;
    }

    /** How long writing one saga event may take before the write, and the exchange, fails. Default 5 s. */
    public void setSendTimeout(Duration sendTimeout) {
        this.sendTimeout = sendTimeout;
    }

    @Override
    public String toString() {
        return "rocketmq-saga-service";
    }
}
