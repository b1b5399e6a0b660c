package io.rocketcamel.reliability;

import io.rocketcamel.broker.ChildJvm;
import io.rocketcamel.broker.RunnerProcess;
import io.rocketcamel.reliability.app.AppConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

/**
 * One scenario's directory and the child processes it started. Every child is killed by the PID it was started with
 * when the workspace closes, also when the scenario failed half-way; the directory (stores, records, logs) is
 * deleted then, unless it is kept for a look: asked for, a row missed its goal, or the scenario ended before its
 * rows were judged (an error).
 */
final class Workspace implements AutoCloseable {

    private static final Duration APP_READY = Duration.ofSeconds(120);

    private final Path root;
    private boolean keep;
    private boolean judged;
    private final Deque<AutoCloseable> children = new ArrayDeque<>();

    private Workspace(Path root, boolean keep) {
        this.root = root;
        this.keep = keep;
    }

    static Workspace create(String name, boolean keep) {
        try {
            Path root = Files.createTempDirectory("rocketcamel-" + name + "-");
            // the orchestrator's own RocketMQ clients log here too, not under the home directory
            if (System.getProperty("rocketcamel.rocketmq.log.dir") == null) {
                System.setProperty("rocketcamel.rocketmq.log.dir", root.resolve("logs").toString());
            }
            return new Workspace(root, keep);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a workspace", e);
        }
    }

    /**
     * Keeps this workspace when a row misses its goal, naming it in that row: the children's output, the records and
     * the stores are what explain a failure, and a failure seen once in a build is gone when its directory is.
     */
    void keepIfMissed(List<Result> rows) {
        judged = true;
        for (Result row : rows) {
            if (!row.meetsGoal()) {
                keep = true;
                row.note("its workspace is kept: " + root);
            }
        }
    }

    Path root() {
        return root;
    }

    Path path(String name) {
        return root.resolve(name);
    }

    /** Isolation for a child: its home and RocketMQ log directory inside the workspace. */
    private List<String> isolation(String name) {
        return List.of("-Duser.home=" + root.resolve("home"), "-Drocketcamel.rocketmq.log.dir=" + root.resolve("logs").resolve(name));
    }

    /**
     * A runner process (name server or broker); {@code jvmOptions} come after the defaults, so they win. Without a
     * {@code --store} it gets one in the workspace: a temporary store of a process killed with SIGKILL is never
     * deleted.
     */
    RunnerProcess node(String name, List<String> args, String... jvmOptions) {
        List<String> options = new ArrayList<>(RunnerProcess.DEFAULT_JVM_OPTIONS);
        options.addAll(isolation(name));
        options.addAll(List.of(jvmOptions));
        List<String> runnerArgs = new ArrayList<>(args);
        if (!runnerArgs.contains("--store")) {
            runnerArgs.addAll(List.of("--store", root.resolve("store-" + name).toString()));
        }
        RunnerProcess process = RunnerProcess.start(options, runnerArgs, root.resolve("logs").resolve(name + ".out"));
        synchronized (children) {
            children.push(process);
        }
        return process;
    }

    /** A sender, consumer or transactional app of this module in its own JVM, configured by a properties file. */
    ChildJvm app(String name, Class<?> mainClass, AppConfig config, String... jvmOptions) {
        List<String> options = new ArrayList<>(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
        options.addAll(isolation(name));
        options.addAll(List.of(jvmOptions));
        Path settings = config.write(root.resolve(name + ".properties"));
        ChildJvm app = ChildJvm.start(options, mainClass.getName(), List.of(settings.toString()),
                root.resolve("logs").resolve(name + ".out"), "READY", APP_READY);
        synchronized (children) {
            children.push(app);
        }
        return app;
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        synchronized (children) {
            while (!children.isEmpty()) {
                try {
                    children.pop().close();
                } catch (Exception e) {
                    failures.add(new IllegalStateException("Could not kill a child process", e));
                }
            }
        }
        if (!judged && !keep) {
            // the scenario ends in an error, whose message says what it waited for, not what the children saw
            keep = true;
            System.err.println("The scenario ended before its rows were judged; its workspace is kept: " + root);
        }
        if (!keep) {
            delete(root);
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e);
        }
    }
}
