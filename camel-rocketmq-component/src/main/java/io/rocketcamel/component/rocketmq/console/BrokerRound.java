package io.rocketcamel.component.rocketmq.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.apache.rocketmq.remoting.RemotingClient;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;

/**
 * One question to several brokers at once, as the consoles ask it: the round waits for the slowest at most one
 * timeout, and says which brokers did not answer instead of failing as a whole. RocketMQ's admin calls ask the brokers
 * one after another and fail at the first that does not answer (after its timeout), so one hung broker of two left a
 * console page without the other's figures, seconds later, once per group.
 */
public final class BrokerRound {

    /** A broker to ask. */
    public record Broker(String name, String address) {
    }

    /**
     * @param answers    each broker's answer, by broker name, only those whose code the round accepts
     * @param unanswered each other broker asked (or not asked, as it did not answer earlier within the page), by name:
     *                   why
     */
    public record Answers(Map<String, RemotingCommand> answers, Map<String, String> unanswered) {

        /** The answers when every broker answered; else the failure that names those that did not. */
        public Map<String, RemotingCommand> all() {
            if (!unanswered.isEmpty()) {
                throw new IllegalStateException(UnansweredBrokers.describe(unanswered));
            }
            return answers;
        }
    }

    private BrokerRound() {
    }

    /**
     * @param request  builds the question for one broker (a request is sent once: each broker gets its own)
     * @param answered the response codes that count as an answer; another code is reported as "answered 17: ..."
     * @param silent   brokers that did not answer earlier within the page: not asked again; those that do not
     *                 answer now, or answer an error, are added
     */
    public static Answers ask(RemotingClient client, List<Broker> brokers, Function<Broker, RemotingCommand> request,
                              Set<Integer> answered, long timeoutMillis, UnansweredBrokers silent) {
        Map<Broker, CompletableFuture<RemotingCommand>> pending = new LinkedHashMap<>();
        Map<String, String> unanswered = new TreeMap<>();
        for (Broker broker : brokers) {
            String earlier = silent.earlier(broker.address());
            if (earlier != null) {
                unanswered.put(broker.name(), earlier);
            } else {
                pending.put(broker, client.invoke(broker.address(), request.apply(broker), timeoutMillis));
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        Map<String, RemotingCommand> answers = new LinkedHashMap<>();
        for (Map.Entry<Broker, CompletableFuture<RemotingCommand>> answer : pending.entrySet()) {
            Broker broker = answer.getKey();
            try {
                RemotingCommand response = answer.getValue().get(Math.max(0, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
                if (answered.contains(response.getCode())) {
                    answers.put(broker.name(), response);
                } else {
                    unanswered.put(broker.name(), silent.refused(broker.name(), broker.address(),
                            "answered " + response.getCode() + ": " + response.getRemark()));
                }
            } catch (TimeoutException e) {
                unanswered.put(broker.name(), silent.record(broker.name(), broker.address(),
                        "no answer within " + timeoutMillis + " ms"));
            } catch (ExecutionException e) {
                unanswered.put(broker.name(), silent.record(broker.name(), broker.address(),
                        String.valueOf(e.getCause().getMessage())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unanswered.put(broker.name(), "at " + broker.address() + ": not waited for, interrupted");
            }
        }
        return new Answers(answers, unanswered);
    }
}
