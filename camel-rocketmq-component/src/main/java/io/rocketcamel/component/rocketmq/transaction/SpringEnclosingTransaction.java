package io.rocketcamel.component.rocketmq.transaction;

import java.util.function.Consumer;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The Spring transaction bound to the sending thread (a transacted route's, or a {@code @Transactional} caller's of a
 * ProducerTemplate): the half message ends after it. A send in a transaction that joined an outer one (REQUIRED) ends
 * when the outer one completes, as Spring runs a participant's synchronizations then.
 */
final class SpringEnclosingTransaction implements EnclosingTransaction {

    @Override
    public boolean endsWith(Consumer<TransactionState> outcome) {
        // synchronization without an actual transaction (PROPAGATION_SUPPORTS) has nothing that could roll back
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return false;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                outcome.accept(switch (status) {
                    case STATUS_COMMITTED -> TransactionState.COMMIT;
                    case STATUS_ROLLED_BACK -> TransactionState.ROLLBACK;
                    default -> TransactionState.UNKNOWN;
                });
            }
        });
        return true;
    }
}
