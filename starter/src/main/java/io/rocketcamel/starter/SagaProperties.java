package io.rocketcamel.starter;

import java.time.Duration;

import io.rocketcamel.component.rocketmq.internal.TimerLimits;

import io.rocketcamel.component.rocketmq.saga.RocketMQSagaService;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/** Camel's Saga EIP on RocketMQ: the {@link RocketMQSagaService} and its topics. */
@ConfigurationProperties(prefix = SagaProperties.PREFIX)
public class SagaProperties implements Validator {

    public static final String PREFIX = "rocketcamel.saga";

    /**
     * Run the Saga EIP on RocketMQ: a RocketMQSagaService for the routes' saga() definitions, on the rocketmq
     * component's cluster.
     */
    private boolean enabled;
    /**
     * The name of this service in its sagas, shared by all its instances and kept across restarts. When not set,
     * spring.application.name, else the CamelContext's name when set (camel.main.name); with none the start fails.
     */
    private String participant;
    /**
     * The saga topic; it must exist (the starter creates it on the embedded broker).
     */
    private String topic = RocketMQSagaService.DEFAULT_TOPIC;
    /**
     * The topic that gets a copy of each callback that failed its last attempt; it must exist (the starter creates it
     * on the embedded broker).
     */
    private String deadLetterTopic = RocketMQSagaService.DEFAULT_DEAD_LETTER_TOPIC;
    /**
     * Queues of the saga topic when the starter creates it on the embedded broker: how many consumers share the sagas.
     */
    private int queues = 8;
    /**
     * How many times a completion or compensation callback is tried before it goes to the dead-letter topic.
     */
    private int maxAttempts = 10;
    /**
     * The wait before a failed callback's second attempt; it doubles for each further attempt.
     */
    private Duration retryDelay = Duration.ofSeconds(1);
    /**
     * The longest wait between two attempts of a callback, at most 3 days (a retry is a timer message, and the brokers'
     * timerMaxDelaySec refuses later ones).
     */
    private Duration maxRetryDelay = Duration.ofMinutes(5);
    /**
     * How long a decided saga is remembered, so that a step joining it afterwards is compensated as late.
     */
    private Duration lateJoinWindow = Duration.ofMinutes(5);

    @Override
    public boolean supports(Class<?> type) {
        return SagaProperties.class.isAssignableFrom(type);
    }

    /** What the saga service and the broker would reject only later, without naming the property. */
    @Override
    public void validate(Object target, Errors errors) {
        SagaProperties properties = (SagaProperties) target;
        if (properties.queues < 1 || properties.queues > 1024) {
            errors.rejectValue("queues", "invalid", PREFIX + ".queues=" + properties.queues + ": 1 to 1024");
        }
        if (properties.maxAttempts < 1) {
            errors.rejectValue("maxAttempts", "invalid", PREFIX + ".max-attempts=" + properties.maxAttempts
                                                         + ": at least 1");
        }
        positive(errors, "retryDelay", "retry-delay", properties.retryDelay);
        positive(errors, "maxRetryDelay", "max-retry-delay", properties.maxRetryDelay);
        if (properties.retryDelay != null && properties.maxRetryDelay != null
            && properties.maxRetryDelay.compareTo(properties.retryDelay) < 0) {
            errors.rejectValue("maxRetryDelay", "invalid", PREFIX + ".max-retry-delay=" + properties.maxRetryDelay
                                                           + ": not below " + PREFIX + ".retry-delay");
        }
        if (properties.maxRetryDelay != null
            && properties.maxRetryDelay.compareTo(TimerLimits.DEFAULT_TIMER_MAX_DELAY) > 0) {
            errors.rejectValue("maxRetryDelay", "invalid", PREFIX + ".max-retry-delay=" + properties.maxRetryDelay
                                                           + ": at most " + TimerLimits.DEFAULT_TIMER_MAX_DELAY
                                                           + ", the longest timer delay the brokers accept"
                                                           + " (timerMaxDelaySec)");
        }
        if (properties.lateJoinWindow == null || properties.lateJoinWindow.isNegative()) {
            errors.rejectValue("lateJoinWindow", "invalid", PREFIX + ".late-join-window=" + properties.lateJoinWindow
                                                            + ": zero or more");
        }
    }

    private static void positive(Errors errors, String field, String property, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            errors.rejectValue(field, "invalid", PREFIX + "." + property + "=" + value + ": a positive duration");
        }
    }

    /** The service these properties describe; participant null leaves the service's own default. */
    RocketMQSagaService toService(String defaultParticipant) {
        RocketMQSagaService service = new RocketMQSagaService();
        service.setParticipant(participant != null ? participant : defaultParticipant);
        service.setTopic(topic);
        service.setDeadLetterTopic(deadLetterTopic);
        service.setMaxAttempts(maxAttempts);
        service.setRetryDelay(retryDelay);
        service.setMaxRetryDelay(maxRetryDelay);
        service.setLateJoinWindow(lateJoinWindow);
        return service;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getParticipant() {
        return participant;
    }

    public void setParticipant(String participant) {
        this.participant = participant;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public String getDeadLetterTopic() {
        return deadLetterTopic;
    }

    public void setDeadLetterTopic(String deadLetterTopic) {
        this.deadLetterTopic = deadLetterTopic;
    }

    public int getQueues() {
        return queues;
    }

    public void setQueues(int queues) {
        this.queues = queues;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(Duration retryDelay) {
        this.retryDelay = retryDelay;
    }

    public Duration getMaxRetryDelay() {
        return maxRetryDelay;
    }

    public void setMaxRetryDelay(Duration maxRetryDelay) {
        this.maxRetryDelay = maxRetryDelay;
    }

    public Duration getLateJoinWindow() {
        return lateJoinWindow;
    }

    public void setLateJoinWindow(Duration lateJoinWindow) {
        this.lateJoinWindow = lateJoinWindow;
    }
}
