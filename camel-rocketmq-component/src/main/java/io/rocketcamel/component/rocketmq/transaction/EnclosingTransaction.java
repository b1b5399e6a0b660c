package io.rocketcamel.component.rocketmq.transaction;

import java.util.function.Consumer;

/**
 * A transaction the sending thread runs in, such as a transacted route's or a Spring {@code @Transactional} caller's:
 * its work commits only when it ends, so a half message committed before then would be seen by consumers although
 * that work may still roll back.
 */
interface EnclosingTransaction {

    /** Where no transaction manager Camel routes use is on the classpath: nothing encloses a send. */
    EnclosingTransaction NONE = outcome -> false;

    /**
     * @param outcome given COMMIT once the enclosing transaction has committed, ROLLBACK once it has rolled back, or
     *                UNKNOWN when its transaction manager cannot tell (a heuristic outcome)
     * @return whether a transaction encloses the calling thread; when not, {@code outcome} is never called
     */
    boolean endsWith(Consumer<TransactionState> outcome);

    /** Decided once at start: Spring's transactions when spring-tx is on the classpath, else none. */
    static EnclosingTransaction of(ClassLoader classLoader) {
        try {
            Class.forName("org.springframework.transaction.support.TransactionSynchronizationManager", false, classLoader);
            return new SpringEnclosingTransaction();
        } catch (ClassNotFoundException | LinkageError e) {
            return NONE;
        }
    }
}
