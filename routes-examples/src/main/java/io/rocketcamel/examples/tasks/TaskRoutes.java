package io.rocketcamel.examples.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.examples.deadletter.JsonEventRoutes;
import java.util.List;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.stereotype.Component;

/**
 * The article's scenario 3 and combination 2, delay + batch: tasks are scheduled in batches, either on a broker delay level
 * ({@code CamelRocketMQOverrideDelayLevel}) or at any time on RocketMQ 5's timer ({@code CamelRocketMQDeliverTime});
 * the worker runs each when it arrives, publishes the result to task-results, and reschedules a failure with its
 * retry count until the retries are used up, then publishes it to task-failures. A task scheduled on the timer can be
 * cancelled before it is due: its scheduling returns a recall handle, which {@link #CANCEL} recalls.
 */
@Component
public class TaskRoutes extends JsonEventRoutes {

    /** Body: a {@code List<Task>}; headers: a delay level or a deliver time for the whole batch. */
    public static final String SCHEDULE = "direct:schedule-tasks";
    /** Header {@code CamelRocketMQRecallHandle}: the handle the scheduling of timer tasks returned. */
    public static final String CANCEL = "direct:cancel-tasks";
    public static final String TOPIC = "tasks";

    private final TaskExecutor executor;
    private final TaskRetryPolicy retryPolicy;
    private final TaskLedger ledger;
    private final ObjectMapper json;

    public TaskRoutes(TaskExecutor executor, TaskRetryPolicy retryPolicy, TaskLedger ledger, ObjectMapper json) {
        this.executor = executor;
        this.retryPolicy = retryPolicy;
        this.ledger = ledger;
        this.json = json;
    }

    @Override
    protected void routes() {
        from(SCHEDULE).routeId("task-scheduler")
                // Timer tasks go one by one: when one fails, those before it are stored and would run, and run again
                // when the caller schedules the batch anew. They are recalled first (the failed exchange carries their
                // handles). Tasks on a delay level have no handle: a batch of them sent again runs those twice.
                .onException(Exception.class).handled(false)
                    .filter(header(RocketMQConstants.RECALL_HANDLE).isNotNull())
                        .to(CANCEL)
                    .end()
                .end()
                .process(exchange -> checkBatch(exchange.getMessage()))
                // One JSON document per task: the list goes out as one send of many messages.
                .transform().body(List.class, tasks -> tasks.stream().map(this::toJson).toList())
                .to(ExchangePattern.InOnly, "rocketmq:" + TOPIC);
        from(CANCEL).routeId("task-canceller")
                .setHeader(RocketMQConstants.OPERATION, constant("RECALL"))
                .to(ExchangePattern.InOnly, "rocketmq:" + TOPIC);

        from("rocketmq:" + TOPIC + "?consumerGroup=task-workers&consumeFromWhere=FIRST_OFFSET").routeId("task-worker")
                .unmarshal().json(JsonLibrary.Jackson, Task.class)
                .doTry()
                    .bean(executor, "execute")
                    .marshal().json(JsonLibrary.Jackson)
                    .to(ExchangePattern.InOnly, "rocketmq:task-results")
                .doCatch(TaskFailedException.class)
                    .bean(retryPolicy, "decide")
                    .marshal().json(JsonLibrary.Jackson)
                    .choice()
                        .when(header(TaskRetryPolicy.RETRY))
                            .to(ExchangePattern.InOnly, "rocketmq:" + TOPIC)
                        .otherwise()
                            .to(ExchangePattern.InOnly, "rocketmq:task-failures")
                    .end()
                .end();

        from("rocketmq:task-results?consumerGroup=task-results-ledger&consumeFromWhere=FIRST_OFFSET").routeId("task-results")
                .unmarshal().json(JsonLibrary.Jackson, TaskOutcome.class)
                .bean(ledger, "result");
        from("rocketmq:task-failures?consumerGroup=task-failures-ledger&consumeFromWhere=FIRST_OFFSET").routeId("task-failures")
                .unmarshal().json(JsonLibrary.Jackson, TaskOutcome.class)
                .bean(ledger, "failure");
    }

    /**
     * Refused before anything is sent: an element the worker could not read would be dead-lettered there, a batch
     * with no time (no header, delay level 0, or a header without a value) would run at once.
     */
    private static void checkBatch(Message message) {
        List<?> tasks = message.getBody(List.class);
        if (tasks == null) {
            throw new IllegalArgumentException("Tasks to schedule are a List of " + Task.class.getName() + ", not "
                                               + message.getBody());
        }
        for (int i = 0; i < tasks.size(); i++) {
            if (!(tasks.get(i) instanceof Task)) {
                throw new IllegalArgumentException("Tasks to schedule are a List of " + Task.class.getName()
                                                   + ", element " + i + " is " + (tasks.get(i) == null ? "null"
                                                   : "a " + tasks.get(i).getClass().getName()));
            }
        }
        Integer level = message.getHeader(RocketMQConstants.OVERRIDE_DELAY_LEVEL, Integer.class);
        Object at = message.getHeader(RocketMQConstants.DELIVER_TIME);
        // level 0 is the producer's "no delay", and a header without a value is no header to it
        if (at == null && (level == null || level == 0)) {
            throw new IllegalArgumentException("Tasks to schedule need a time: header "
                                               + RocketMQConstants.OVERRIDE_DELAY_LEVEL + " (a delay level, 1 or more) or "
                                               + RocketMQConstants.DELIVER_TIME + " (when to run them); got "
                                               + RocketMQConstants.OVERRIDE_DELAY_LEVEL + "=" + level + ", "
                                               + RocketMQConstants.DELIVER_TIME + "=" + at);
        }
    }

    private String toJson(Object task) {
        try {
            return json.writeValueAsString(task);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Task cannot be written as JSON: " + task, e);
        }
    }
}
