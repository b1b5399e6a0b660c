package io.rocketcamel.starter.console;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The console's calls to the name servers and brokers, on threads of their own. Each waits for the network (up to the
 * admin client's timeout): on a reactive web server it must not hold one of the few event-loop threads every request
 * shares, and on a servlet server the request thread is free meanwhile. The answer is a future both stacks complete
 * the response from.
 */
final class ConsoleCalls implements AutoCloseable {

    /** A page asks for a few sections at a time; more callers queue rather than open more connections. */
    private static final int THREADS = 4;
    private static final AtomicInteger THREAD_NUMBERS = new AtomicInteger();

    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS, task -> {
        Thread thread = new Thread(task, "rocketcamel-console-" + THREAD_NUMBERS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    /** Completes with the call's result, or with what it threw as it is (not wrapped), for the exception handlers. */
    <T> CompletableFuture<T> call(Callable<T> work) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        threads.execute(() -> {
            try {
                answer.complete(work.call());
            } catch (Exception e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
