package io.rocketcamel.component.rocketmq.saga;

import java.util.Set;

import io.rocketcamel.component.rocketmq.internal.ExchangeFailure;
import io.rocketcamel.component.rocketmq.saga.SagaEvent.Action;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Sends a step's completion or compensation exchange to its endpoint, as Camel's in-memory coordinator does: the saga
 * id in {@code Long-Running-Action}, the step's options as headers, no body; success is an exchange without
 * exception that was not marked rollback-only. Only endpoints that a saga of this CamelContext declared are called, so an event written by someone else
 * to the saga topic cannot make this service call an endpoint of its choice.
 */
final class StepCallbacks {

    private final CamelContext camelContext;
    private final Set<String> declaredEndpoints;
    private final ProducerTemplate template;

    StepCallbacks(CamelContext camelContext, Set<String> declaredEndpoints) {
        this.camelContext = camelContext;
        this.declaredEndpoints = declaredEndpoints;
        this.template = camelContext.createProducerTemplate();
    }

    /**
     * @return null when the callback succeeded, else why it failed
     */
    Failure run(String sagaId, JoinedStep step, Action action, int attempt) {
        String uri = step.endpoint(action);
        if (!declaredEndpoints.contains(uri)) {
            return new Failure(uri + " is not the " + action.name().toLowerCase() + " endpoint of any saga in CamelContext "
                               + camelContext.getName() + " (its routes changed since the step joined?)", true);
        }
        try {
            Endpoint endpoint = camelContext.getEndpoint(uri);
            Exchange exchange = endpoint.createExchange();
            exchange.getMessage().setHeader(Exchange.SAGA_LONG_RUNNING_ACTION, sagaId);
            step.options().forEach(exchange.getMessage()::setHeader);
            exchange.getMessage().setHeader(RocketMQSagaService.STEP_ID_HEADER, step.id());
            exchange.getMessage().setHeader(RocketMQSagaService.ATTEMPT_HEADER, attempt);
            // rollback-only ends the exchange without an exception, yet the route undid its work: not done
            Throwable failure = ExchangeFailure.of(template.send(endpoint, exchange));
            return failure == null ? null : new Failure(String.valueOf(failure), false);
        } catch (RuntimeException e) {
            return new Failure(String.valueOf(e), false);
        }
    }

    void close() throws Exception {
        template.stop();
    }

    /** @param permanent whether retrying cannot help */
    record Failure(String reason, boolean permanent) {
    }
}
