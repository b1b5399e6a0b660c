package io.rocketcamel.component.rocketmq.saga;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.rocketcamel.component.rocketmq.saga.SagaState.Status;

/**
 * The decisions this instance has read from the queues it consumes, for the coordinators of any thread: they refuse
 * at once what Camel's in-memory coordinator refuses (a step joining, or a completion requested, once the saga
 * compensates). Only a shortcut: a decision this instance has not read yet is still found in the log, where the
 * order of the events decides.
 */
final class SagaDecisions {

    private final ConcurrentMap<String, Status> known = new ConcurrentHashMap<>();

    void decided(String sagaId, Status status) {
        known.put(sagaId, status);
    }

    void forget(String sagaId) {
        known.remove(sagaId);
    }

    Optional<Status> of(String sagaId) {
        return Optional.ofNullable(known.get(sagaId));
    }
}
