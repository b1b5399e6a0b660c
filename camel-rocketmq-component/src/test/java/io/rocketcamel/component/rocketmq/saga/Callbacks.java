package io.rocketcamel.component.rocketmq.saga;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** The callbacks a test's routes received, in the order they arrived. */
final class Callbacks {

    record Call(String name, String sagaId, Map<String, Object> headers, long at) {

        int attempt() {
            return ((Number) headers.get(RocketMQSagaService.ATTEMPT_HEADER)).intValue();
        }
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    /** Records the exchange as a call of {@code name}. */
    Processor record(String name) {
        return exchange -> {
            Map<String, Object> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(exchange.getMessage().getHeaders());
            calls.add(new Call(name, exchange.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION, String.class),
                    headers, System.currentTimeMillis()));
        };
    }

    List<Call> all() {
        return List.copyOf(calls);
    }

    List<String> names(String sagaId) {
        return calls.stream().filter(call -> sagaId.equals(call.sagaId())).map(Call::name).toList();
    }

    List<Call> of(String name) {
        return calls.stream().filter(call -> call.name().equals(name)).toList();
    }
}
