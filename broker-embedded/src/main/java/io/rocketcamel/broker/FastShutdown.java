package io.rocketcamel.broker;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.namesrv.NamesrvController;
import org.apache.rocketmq.remoting.RemotingServer;

/**
 * RocketMQ's own shutdown takes 13-20 s, nearly all of it spent waiting out service intervals (event pollers with
 * 3 s timeouts, a fixed 3 s sleep in the store). Stopping here does what matters for data and clients
 * synchronously (offsets and configs persisted, the commit log flushed, the broker unregistered, its ports closed),
 * then lets RocketMQ finish tearing down threads and files in the background. Starting again on the same store, or
 * on the same fixed ports, waits for that teardown.
 */
final class FastShutdown {

    private static final System.Logger LOG = System.getLogger(FastShutdown.class.getName());
    private static final Duration PORT_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService TEARDOWN = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "rocketcamel-broker-teardown-" + THREADS.incrementAndGet());
        // Daemon: a JVM that is exiting need not wait for thread and file cleanup; the data is already on disk.
        thread.setDaemon(true);
        return thread;
    });
    /** Teardowns still running, by the store directory they use. */
    private static final Map<Path, CompletableFuture<Void>> PENDING = new ConcurrentHashMap<>();

    private FastShutdown() {
    }

    /**
     * Returns once the requests it held for long polling are answered, the broker is unregistered, its state is on
     * disk, a slave has stopped replicating and its ports refuse connections.
     */
    static CompletableFuture<Void> stop(BrokerNode node) {
        BrokerController controller = node.controller();
        DirectMemoryBudget.release(controller);
        List<RemotingServer> servers = List.of(controller.getRemotingServer(), controller.getFastRemotingServer());
        List<Integer> ports = servers.stream().map(RemotingServer::localListenPort).toList();
        HeldRequests.answer(controller);
        persistState(controller);
        node.stopReplicating();
        LeakedScheduler.stop(controller);
        servers.forEach(LeakedScheduler::stop);
        CompletableFuture<Void> teardown = CompletableFuture.runAsync(controller::shutdown, TEARDOWN);
        // The controller closes its remoting servers one after the other, each waiting ~2 s for an event poller;
        // closing the fast one in parallel frees both ports at once. A second shutdown() call is a no-op.
        CompletableFuture.runAsync(() -> servers.get(1).shutdown(), TEARDOWN);
        track(node.storeRoot(), teardown);
        String host = controller.getBrokerConfig().getBrokerIP1();
        ports.forEach(port -> awaitClosed(host, port, "broker " + node.name()));
        return teardown;
    }

    /**
     * Tears down, in the background, a broker that failed to start: its caller hears why at once instead of after
     * RocketMQ's shutdown (about 9 s), and a later start on the same store, or the removal of a temporary one, waits
     * for the teardown as for any other. RocketMQ's shutdown leaves the scheduler {@link LeakedScheduler} stops, as
     * after a stop: a JVM that caught the failed start and returned from main never ended.
     */
    static void abandon(BrokerController controller, Path storeRoot) {
        LeakedScheduler.stop(controller);
        Stream.of(controller.getRemotingServer(), controller.getFastRemotingServer()).filter(Objects::nonNull)
                .forEach(LeakedScheduler::stop);
        track(storeRoot, CompletableFuture.runAsync(controller::shutdown, TEARDOWN));
    }

    /**
     * Stops the name server (if this instance runs one) after the brokers (they unregister from it while stopping),
     * then removes a temporary store once every teardown using it has finished, those of brokers that failed to start
     * included.
     */
    static void stop(NamesrvController namesrv, String host, List<CompletableFuture<Void>> brokerTeardowns,
            StoreDirectory store) {
        List<CompletableFuture<Void>> teardowns = new ArrayList<>(brokerTeardowns);
        Path root = store.root().toAbsolutePath().normalize();
        PENDING.forEach((path, teardown) -> {
            if (path.toAbsolutePath().normalize().startsWith(root)) {
                teardowns.add(teardown);
            }
        });
        if (namesrv != null) {
            LeakedScheduler.stop(namesrv.getRemotingServer());
            teardowns.add(CompletableFuture.runAsync(namesrv::shutdown, TEARDOWN));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(teardowns.toArray(CompletableFuture[]::new))
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        LOG.log(Level.WARNING, "RocketMQ teardown failed; the store is intact, see " + Logs.file(), failure);
                    }
                    store.deleteIfTemporary();
                });
        track(store.root(), all);
        if (store.temporary()) {
            ExitWait.awaitIfExiting(all);
        } else {
            ExitWait.beforeExit(all);
        }
        if (namesrv != null) {
            awaitClosed(host, namesrv.getRemotingServer().localListenPort(), "name server");
        }
    }

    private static void persistState(BrokerController controller) {
        controller.getConsumerOffsetManager().persist();
        controller.getTopicConfigManager().persist();
        controller.getSubscriptionGroupManager().persist();
        controller.getConsumerFilterManager().persist();
        if (controller.getScheduleMessageService() != null) {
            controller.getScheduleMessageService().persist();
        }
        if (controller.getTransactionalMessageService() != null) {
            controller.getTransactionalMessageService().getTransactionMetrics().persist();
        }
        controller.getMessageStore().flush();
    }

    private static void track(Path root, CompletableFuture<Void> teardown) {
        PENDING.put(root, teardown);
        teardown.whenComplete((ignored, failure) -> PENDING.remove(root, teardown));
    }

    private static void awaitClosed(String host, int port, String what) {
        long deadline = System.nanoTime() + PORT_CLOSE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 200);
            } catch (IOException refused) {
                return;
            }
            pause();
        }
        LOG.log(Level.WARNING, "{0} still accepts connections on {1}:{2} after {3} s", what, host, port,
                PORT_CLOSE_TIMEOUT.toSeconds());
    }

    /** Waits for teardowns whose store lies under {@code root} (a restart on the same store needs its file lock). */
    static void awaitStore(Path root) {
        Path normalized = root.toAbsolutePath().normalize();
        await(p -> p.startsWith(normalized) || normalized.startsWith(p), Duration.ofSeconds(60));
    }

    /** Waits for every teardown in this JVM, for example before a fixed port is bound again. */
    static void awaitAll(Duration timeout) {
        await(p -> true, timeout);
    }

    private static void await(Predicate<Path> which, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Map.Entry<Path, CompletableFuture<Void>> entry : PENDING.entrySet()) {
            if (!which.test(entry.getKey())) {
                continue;
            }
            try {
                entry.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddedBrokerException("Interrupted while waiting for the previous broker on "
                        + entry.getKey() + " to stop", e);
            } catch (TimeoutException e) {
                throw new EmbeddedBrokerException("The previous broker using " + entry.getKey() + " did not finish "
                        + "stopping within " + timeout.toSeconds() + " s", e);
            } catch (ExecutionException e) {
                LOG.log(Level.WARNING, "Previous teardown of " + entry.getKey() + " failed", e.getCause());
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
