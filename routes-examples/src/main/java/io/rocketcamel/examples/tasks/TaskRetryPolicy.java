package io.rocketcamel.examples.tasks;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The article's scenario 3: a failed task is retried up to {@value #MAX_RETRIES} times, each after {@code retryDelay}
 * (60 s in the article), carrying its retry count; after that it is published to task-failures.
 */
@Component
public class TaskRetryPolicy {

    public static final int MAX_RETRIES = 3;
    static final String RETRY = "taskRetry";

    private final Duration retryDelay;

    public TaskRetryPolicy(@Value("${rocketcamel.demo.tasks.retry-delay:60s}") Duration retryDelay) {
        this.retryDelay = retryDelay;
    }

    /** Sets the exchange up for the next step: the rescheduled task with its deliver time, or the final failure. */
    public void decide(Exchange exchange) {
        TaskFailedException failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, TaskFailedException.class);
        Task task = failure.task();
        if (task.retryCount() < MAX_RETRIES) {
            long dueAt = failure.failedAt() + retryDelay.toMillis();
            exchange.getMessage().setBody(task.retried(dueAt));
            exchange.getMessage().setHeader(RocketMQConstants.DELIVER_TIME, dueAt);
            exchange.getMessage().setHeader(RETRY, true);
        } else {
            exchange.getMessage().setBody(new TaskOutcome(task.id(), false, task.retryCount(), task.dueAt(),
                    failure.failedAt(), failure.getMessage()));
            exchange.getMessage().setHeader(RETRY, false);
        }
    }
}
