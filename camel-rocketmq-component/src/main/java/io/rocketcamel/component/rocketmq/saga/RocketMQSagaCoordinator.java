package io.rocketcamel.component.rocketmq.saga;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.rocketcamel.component.rocketmq.internal.ConsumedOrigin;
import io.rocketcamel.component.rocketmq.saga.SagaEvent.Type;
import io.rocketcamel.component.rocketmq.saga.SagaState.Status;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.saga.CamelSagaCoordinator;
import org.apache.camel.saga.CamelSagaStep;

/**
 * A saga as seen from an exchange: each call writes one event to the saga's queue and completes once the broker
 * stored it. Whether a step joined in time and which of completion and compensation wins is decided by the order of
 * the events in the log; a decision this instance already read is applied at once, as Camel's in-memory coordinator
 * does.
 */
final class RocketMQSagaCoordinator implements CamelSagaCoordinator {

    private final RocketMQSagaService service;
    private final String sagaId;

    RocketMQSagaCoordinator(RocketMQSagaService service, String sagaId) {
        this.service = service;
        this.sagaId = sagaId;
    }

    @Override
    public String getId() {
        return sagaId;
    }

    @Override
    public CompletableFuture<Void> beginStep(Exchange exchange, CamelSagaStep step) {
        Optional<Status> decided = service.knownDecision(sagaId);
        if (decided.isPresent()) {
            return refused("Cannot begin: status is " + decided.get());
        }
        return write(() -> {
            String stepId = UUID.randomUUID().toString();
            if (step.getCompensation().isPresent() || step.getCompletion().isPresent()) {
                service.log().append(SagaEvent.joined(sagaId, service.getParticipant(), stepId,
                        step.getCompensation().map(Endpoint::getEndpointUri).orElse(null),
                        step.getCompletion().map(Endpoint::getEndpointUri).orElse(null), options(exchange, step),
                        origin(exchange)));
            }
            step.getTimeoutInMilliseconds().ifPresent(timeout -> service.log().appendAfter(
                    SagaEvent.timeout(sagaId, service.getParticipant(), stepId, timeout), timeout));
        });
    }

    @Override
    public CompletableFuture<Void> compensate(Exchange exchange) {
        Optional<Status> decided = service.knownDecision(sagaId);
        if (decided.isPresent()) {
            return decided.get() == Status.COMPENSATING
                    ? CompletableFuture.completedFuture(null) : refused("Cannot compensate: status is " + decided.get());
        }
        Exception failure = exchange == null ? null : exchange.getException();
        String reason = failure != null ? "exchange failed: " + failure.getMessage() : requestedBy(exchange);
        return write(() -> service.log().append(SagaEvent.request(Type.COMPENSATE, sagaId, service.getParticipant(), reason)));
    }

    @Override
    public CompletableFuture<Void> complete(Exchange exchange) {
        Optional<Status> decided = service.knownDecision(sagaId);
        if (decided.isPresent()) {
            return decided.get() == Status.COMPLETING
                    ? CompletableFuture.completedFuture(null) : refused("Cannot complete: status is " + decided.get());
        }
        return write(() -> service.log()
                .append(SagaEvent.request(Type.COMPLETE, sagaId, service.getParticipant(), requestedBy(exchange))));
    }

    /** The consumed message the exchange came from, if any: RocketMQ delivers it again with the same id. */
    private static String origin(Exchange exchange) {
        return exchange.getMessage() instanceof ConsumedOrigin consumed ? consumed.consumedMessageId() : null;
    }

    /** The options evaluated now, as strings: the callback may run in another JVM. */
    private static Map<String, String> options(Exchange exchange, CamelSagaStep step) {
        Map<String, String> values = new LinkedHashMap<>();
        step.getOptions().forEach((name, expression) -> {
            String value = evaluate(exchange, name, expression);
            if (value != null) {
                values.put(name, value);
            }
        });
        return values;
    }

    private static String evaluate(Exchange exchange, String name, Expression expression) {
        try {
            return expression.evaluate(exchange, String.class);
        } catch (RuntimeException e) {
            throw new RuntimeCamelException("Cannot evaluate saga option '" + name + "'", e);
        }
    }

    private static String requestedBy(Exchange exchange) {
        return exchange == null ? "requested" : "requested by route " + exchange.getFromRouteId();
    }

    private static CompletableFuture<Void> write(Runnable writes) {
        try {
            writes.run();
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static CompletableFuture<Void> refused(String why) {
        return CompletableFuture.failedFuture(new SagaDecidedException(why));
    }
}
