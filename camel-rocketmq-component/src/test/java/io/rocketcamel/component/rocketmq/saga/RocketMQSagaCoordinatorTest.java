package io.rocketcamel.component.rocketmq.saga;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.rocketcamel.component.rocketmq.saga.SagaState.Status;
import org.apache.camel.saga.CamelSagaStep;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A step's route must tell a saga that was decided (its work must not start: compensate) from a write the broker did
 * not take (a transient failure: fail, so the message is redelivered). Both are IllegalStateExceptions; only the
 * first is a {@link SagaDecidedException}.
 */
class RocketMQSagaCoordinatorTest {

    private static final CamelSagaStep STEP = new CamelSagaStep(null, null, Map.of(), 60_000L);

    @Test
    void aSagaKnownDecidedRefusesWithSagaDecidedException() {
        RocketMQSagaService decided = new RocketMQSagaService() {
            @Override
            Optional<Status> knownDecision(String sagaId) {
                return Optional.of(Status.COMPENSATING);
            }
        };
        RocketMQSagaCoordinator saga = new RocketMQSagaCoordinator(decided, "saga-1");

        assertThat(failure(saga.beginStep(null, STEP))).isInstanceOf(SagaDecidedException.class)
                .hasMessage("Cannot begin: status is COMPENSATING");
        assertThat(failure(saga.complete(null))).isInstanceOf(SagaDecidedException.class)
                .hasMessage("Cannot complete: status is COMPENSATING");
    }

    @Test
    void aWriteThatFailsIsNoDecision() {
        // not started: every write to the saga log fails, as one the broker refused does
        RocketMQSagaCoordinator saga = new RocketMQSagaCoordinator(new RocketMQSagaService(), "saga-1");

        assertThat(failure(saga.beginStep(null, STEP))).isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(SagaDecidedException.class);
        assertThat(failure(saga.compensate(null))).isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(SagaDecidedException.class);
    }

    private static Throwable failure(CompletableFuture<Void> future) {
        try {
            future.get();
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
