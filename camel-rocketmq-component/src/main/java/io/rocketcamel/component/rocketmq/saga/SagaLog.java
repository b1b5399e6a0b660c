package io.rocketcamel.component.rocketmq.saga;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.rocketcamel.component.rocketmq.OrderKeyQueueSelector;
import io.rocketcamel.component.rocketmq.internal.Causes;
import io.rocketcamel.component.rocketmq.internal.HomeQueueSelector;
import io.rocketcamel.component.rocketmq.internal.HomeQueueSelector.QueuePlace;
import io.rocketcamel.component.rocketmq.internal.PromptShutdown;
import io.rocketcamel.component.rocketmq.internal.UnbatchedProducer;
import org.apache.camel.Exchange;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.MessageQueueSelector;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.exception.RemotingException;
import org.apache.rocketmq.remoting.protocol.NamespaceUtil;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.remoting.protocol.route.QueueData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;

/**
 * Writes saga events: each to the queue of its saga on the saga topic (CRC32 of the saga id's UTF-8 bytes modulo the
 * queue count, as the component's {@code orderKey} does, so a {@code rocketmq:} endpoint with
 * {@code orderKey=${header.Long-Running-Action}} reaches the same queue), tagged with its type and keyed by the saga
 * id. A saga begun here has an id that names that queue ({@link #newSagaId}): its events stay there when queues are
 * added to the topic. A write returns only once the broker stored the event (SEND_OK); anything else fails it, also a
 * saga whose queue is not writable now (its broker down): its event is not written to another queue.
 */
final class SagaLog {

    private static final long BUSY_PAUSE_MILLIS = 50;
    private static final long MAX_BUSY_PAUSE_MILLIS = 500;

    /** A new saga's id: a UUID, a dot, then the queue it names. */
    private static final Pattern UUID_PREFIX = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.");
    private static final int UUID_PREFIX_LENGTH = 37;

    private final HomeQueueSelector bySaga = new HomeQueueSelector();
    private final DefaultMQProducer producer;
    private final String topic;
    private final String deadLetterTopic;

    SagaLog(SagaClients clients, String group, String topic, String deadLetterTopic, long sendTimeoutMillis) {
        this.producer = clients.configure(new UnbatchedProducer(group, clients.rpcHook()));
        this.producer.setSendMsgTimeout(Math.toIntExact(sendTimeoutMillis));
        this.topic = topic;
        this.deadLetterTopic = deadLetterTopic;
    }

    /**
     * @throws IllegalStateException when a topic does not exist: the saga topic's queue count must be chosen, not
     *                               left to auto-creation
     */
    void start(Duration maxTimeout) throws MQClientException {
        producer.start();
        requireRoute(topic, "saga topic");
        requireRoute(deadLetterTopic, "saga dead-letter topic");
        requireTimerLimit(requireEveryWrittenQueueRead(), maxTimeout);
    }

    /**
     * A saga's events go to a queue among the topic's writable ones, and are folded only from queues its participants
     * read: a broker writing more queues than it reads would take events no participant ever sees, their sagas never
     * decided and their callbacks never run.
     */
    private TopicRouteData requireEveryWrittenQueueRead() throws MQClientException {
        String onBrokers = NamespaceUtil.wrapNamespace(producer.getNamespace(), topic);
        TopicRouteData route;
        try {
            route = producer.getDefaultMQProducerImpl().getmQClientFactory().getMQClientAPIImpl()
                    .getTopicRouteInfoFromNameServer(onBrokers, producer.getSendMsgTimeout());
        } catch (RemotingException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new MQClientException("Cannot read the queues of saga topic " + onBrokers, e);
        }
        for (QueueData queues : route.getQueueDatas()) {
            if (queues.getWriteQueueNums() > queues.getReadQueueNums()) {
                throw new IllegalStateException("The saga topic '" + topic + "' has " + queues.getWriteQueueNums()
                                                + " writable but " + queues.getReadQueueNums() + " readable queues on "
                                                + queues.getBrokerName() + ": events written to a queue no participant"
                                                + " reads are never folded, and their sagas never decided. Give it as"
                                                + " many read queues as write queues (mqadmin updateTopic -t " + onBrokers
                                                + " -r " + queues.getWriteQueueNums() + " -w "
                                                + queues.getWriteQueueNums() + ")");
            }
        }
        return route;
    }

    /**
     * A saga's timeout and its callbacks' retries are timer messages: a maxTimeout above a broker's timerMaxDelaySec
     * started, and each saga with a timeout beyond the broker's limit failed later, exchange by exchange, its TIMEOUT
     * refused (CODE 13). A broker that does not show its configuration (ACL) is not judged.
     */
    private void requireTimerLimit(TopicRouteData route, Duration maxTimeout) {
        for (BrokerData broker : route.getBrokerDatas()) {
            String address = broker.selectBrokerAddr();
            String limit = null;
            try {
                limit = address == null ? null : producer.getDefaultMQProducerImpl().getmQClientFactory()
                        .getMQClientAPIImpl().getBrokerConfig(address, producer.getSendMsgTimeout())
                        .getProperty("timerMaxDelaySec");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // not shown to this client: the brokers refuse the first saga beyond it instead
            }
            if (limit != null && maxTimeout.toMillis() > Long.parseLong(limit.trim()) * 1000) {
                throw new IllegalStateException("maxTimeout (" + maxTimeout + ") is above the timerMaxDelaySec="
                                                + limit.trim() + " of broker " + broker.getBrokerName() + " (" + address
                                                + "), which refuses a saga's timeout or retry due later (CODE 13):"
                                                + " set maxTimeout to at most " + Duration.ofSeconds(Long.parseLong(
                                                        limit.trim())));
            }
        }
    }

    void close() {
        PromptShutdown.of(producer);
    }

    /**
     * A new saga's id, {@code <uuid>.<broker>.<queueId>} (characters safe in URLs and JSON), naming the queue of the
     * topic its events go to: one whose place among the topic's writable queues is the id's own hash over them, so
     * that a writer that hashes the id (an earlier version, an {@code orderKey} endpoint) finds the same queue while
     * the topic keeps its queues. Each random UUID gives every queue a chance: about 1.5 are drawn per id.
     */
    String newSagaId() {
        List<MessageQueue> writable;
        try {
            writable = new ArrayList<>(producer.fetchPublishMessageQueues(topic));
        } catch (MQClientException e) {
            throw new IllegalStateException("Cannot begin a saga: the queues of saga topic " + topic + " are not"
                                            + " known: " + e.getMessage(), e);
        }
        if (writable.isEmpty()) {
            throw new IllegalStateException("Cannot begin a saga: saga topic " + topic + " has no writable queue now");
        }
        Collections.sort(writable);
        while (true) {
            Optional<String> id = idNamingItsQueue(UUID.randomUUID().toString(), writable);
            if (id.isPresent()) {
                return id.get();
            }
        }
    }

    /** The uuid with the first of the queues (in the client's order) that is its hash over them, if one is. */
    static Optional<String> idNamingItsQueue(String uuid, List<MessageQueue> queues) {
        for (int i = 0; i < queues.size(); i++) {
            MessageQueue queue = queues.get(i);
            String id = uuid + "." + QueuePlace.of(queue);
            if (OrderKeyQueueSelector.queueIndex(id, queues.size()) == i) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    /** The queue a saga id of {@link #newSagaId} names; empty for any other id. */
    static Optional<QueuePlace> queueNamedBy(String sagaId) {
        boolean ours = sagaId.length() > UUID_PREFIX_LENGTH
                       && UUID_PREFIX.matcher(sagaId.substring(0, UUID_PREFIX_LENGTH)).matches();
        return ours ? QueuePlace.parse(sagaId.substring(UUID_PREFIX_LENGTH)) : Optional.empty();
    }

    /** The queue of a saga begun here, named by its id; the hash over the queues seen for any other id. */
    private MessageQueueSelector homeOf(String sagaId) {
        return queueNamedBy(sagaId)
                .<MessageQueueSelector>map(home -> HomeQueueSelector.only(home, "named by the saga's id"))
                .orElse(bySaga);
    }

    void append(SagaEvent event) {
        send(message(topic, event), event, true);
    }

    /**
     * Writes the event as a timer message that the broker puts in the saga's queue {@code delayMillis} after it stored
     * it: measured on the broker's clock, so a service host whose clock is behind cannot fire a timeout early.
     */
    void appendAfter(SagaEvent event, long delayMillis) {
        Message message = message(topic, event);
        message.setDelayTimeMs(delayMillis);
        send(message, event, true);
    }

    /**
     * Copies a DEAD_LETTERED event, with the step's endpoints and options, to the dead-letter topic: to any writable
     * queue, as no reader folds a saga from it. Sent to the saga's home queue, a copy was refused while that queue's
     * broker was down, and the callback, whose failure is recorded only once its copy is written, ran again every
     * second.
     */
    void deadLetter(SagaEvent event) {
        send(message(deadLetterTopic, event), event, false);
    }

    /** The index of the saga's queue among the topic's queues (the component's orderKey hash). */
    static int queueIndex(String sagaId, int queueCount) {
        return OrderKeyQueueSelector.queueIndex(sagaId, queueCount);
    }

    private static Message message(String topic, SagaEvent event) {
        Message message = new Message(topic, event.type().name(), event.sagaId(), event.toBytes());
        // a rocketmq: route reading the topic gets the saga id as Camel's saga header
        message.putUserProperty(Exchange.SAGA_LONG_RUNNING_ACTION, event.sagaId());
        return message;
    }

    /**
     * Sends to the saga's queue, or to any writable one. A broker busy with flow control (the client retries that
     * itself only for sends it may route to any queue) is asked again, with growing pauses, for as long as the send
     * timeout allows.
     */
    private void send(Message message, SagaEvent event, boolean toSagasQueue) {
        long deadline = System.currentTimeMillis() + producer.getSendMsgTimeout();
        SendResult result;
        for (long pause = BUSY_PAUSE_MILLIS;; pause = Math.min(pause * 2, MAX_BUSY_PAUSE_MILLIS)) {
            try {
                result = toSagasQueue ? producer.send(message, homeOf(event.sagaId()), event.sagaId())
                        : producer.send(message);
                break;
            } catch (MQBrokerException e) {
                if (e.getResponseCode() != ResponseCode.SYSTEM_BUSY || System.currentTimeMillis() + pause > deadline) {
                    throw new IllegalStateException(describe(message, event) + " failed: " + e.getMessage(), e);
                }
                pauseFor(pause, message, event);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(describe(message, event) + " was interrupted", e);
            } catch (Exception e) {
                // the client wraps what the queue selector threw
                String refusal = HomeQueueSelector.refusal(e);
                String why = refusal != null ? ": " + refusal : " failed: " + e.getMessage();
                throw new IllegalStateException(describe(message, event) + why, e);
            }
        }
        if (result.getSendStatus() != SendStatus.SEND_OK) {
            throw new IllegalStateException(describe(message, event) + " was stored as " + result.getSendStatus()
                                            + ", not SEND_OK: it may not survive a broker failure");
        }
    }

    private static void pauseFor(long millis, Message message, SagaEvent event) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(describe(message, event) + " was interrupted", e);
        }
    }

    private static String describe(Message message, SagaEvent event) {
        return "Writing " + event.type() + " of saga " + event.sagaId() + " to " + message.getTopic();
    }

    private void requireRoute(String name, String role) {
        String onBrokers = NamespaceUtil.wrapNamespace(producer.getNamespace(), name);
        try {
            if (!producer.fetchPublishMessageQueues(name).isEmpty()) {
                return;
            }
        } catch (MQClientException e) {
            // an unreachable name server was reported as a topic that does not exist, sending the operator to create
            // one that was there
            if (!Causes.topicAbsent(e)) {
                throw new IllegalStateException("Cannot look up the " + role + " '" + onBrokers + "': no name server of"
                                                + " namesrvAddr=" + producer.getNamesrvAddr() + " answered ("
                                                + Causes.describe(e) + ")", e);
            }
        }
        throw new IllegalStateException("The " + role + " '" + name + "'"
                                        + (onBrokers.equals(name) ? "" : " (on the brokers '" + onBrokers + "')")
                                        + " does not exist on " + producer.getNamesrvAddr()
                                        + ": create it before the saga service starts, for example mqadmin updateTopic -n "
                                        + producer.getNamesrvAddr() + " -t " + onBrokers
                                        + (name.equals(topic) ? " -r 8 -w 8 (the saga topic's queue count spreads sagas"
                                           + " over consumers and must not change while sagas run)" : ""));
    }
}
