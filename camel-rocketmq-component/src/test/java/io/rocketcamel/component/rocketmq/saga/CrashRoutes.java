package io.rocketcamel.component.rocketmq.saga;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.SagaCompletionMode;
import org.apache.camel.model.SagaPropagation;

/**
 * The service of the crash test, in the child JVM and after its restart: sagas of two steps, a and b, started on
 * {@code direct:start} and completed at once when header {@code complete} is true, else left to their timeout. Each
 * callback appends a line to a file when it begins and another when it succeeds: a write of the kind a kill -9 does
 * not take back. In the child, the completion of step a of saga {@code blockedSaga} never returns.
 */
final class CrashRoutes extends RouteBuilder {

    static final Duration TIMEOUT = Duration.ofSeconds(8);

    private final Path record;
    private final String blockedSaga;
    private final CountDownLatch never = new CountDownLatch(1);

    CrashRoutes(Path record, String blockedSaga) {
        this.record = record;
        this.blockedSaga = blockedSaga;
    }

    @Override
    public void configure() {
        from("direct:start").saga().completionMode(SagaCompletionMode.MANUAL).timeout(TIMEOUT)
                .compensation("direct:undo-a").completion("direct:do-a").option("name", header("name"))
                .to("direct:b")
                .filter(header("complete").isEqualTo(true)).to("saga:complete");
        from("direct:b").saga().propagation(SagaPropagation.MANDATORY)
                .compensation("direct:undo-b").completion("direct:do-b").option("name", header("name"))
                .log("step b of ${header.name}");
        callback("do-a");
        callback("do-b");
        callback("undo-a");
        callback("undo-b");
    }

    private void callback(String name) {
        from("direct:" + name).process(exchange -> {
            String saga = exchange.getMessage().getHeader("name", String.class);
            append("ENTER " + name + " " + saga);
            if (name.equals("do-a") && saga.equals(blockedSaga)) {
                never.await();
            }
            append("OK " + name + " " + saga + " " + exchange.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION));
        });
    }

    private synchronized void append(String line) {
        try {
            Files.writeString(record, line + " pid=" + ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
