package io.rocketcamel.reliability.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A sender process: Camel routes {@code direct:NAME -> rocketmq:TOPIC?OPTIONS}, one per workload of its properties
 * file, each sending its messages from several threads and recording every acknowledgement and every failure the
 * caller saw ({@link SendWorkload}). Prints {@code READY} when its routes run and exits 0 once every message of every
 * workload was acknowledged (3 when the deadline passed first).
 */
public final class SenderApp {

    private SenderApp() {
    }

    public static void main(String[] args) throws Exception {
        AppConfig config = AppConfig.load(Path.of(args[0]));
        String namesrv = config.get("namesrv");
        List<SendWorkload> workloads = Arrays.stream(config.get("workloads").split(","))
                .map(name -> SendWorkload.from(name, config)).toList();
        CamelContext camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // The caller sees and records every failure; no redelivery, no stack trace per failed exchange.
                errorHandler(noErrorHandler());
                for (SendWorkload workload : workloads) {
                    from("direct:" + workload.name()).routeId(workload.name()).to(workload.uri(namesrv));
                }
            }
        });
        camel.start();
        ProducerTemplate template = camel.createProducerTemplate();
        System.out.println("READY sender pid=" + ProcessHandle.current().pid());
        Duration deadline = Duration.ofSeconds(config.getInt("deadlineSeconds", 300));
        ExecutorService pool = Executors.newCachedThreadPool();
        Lockstep lockstep = new Lockstep(config.getInt("lockstepWindow", 0));
        List<CompletableFuture<Boolean>> runs = workloads.stream()
                .map(workload -> CompletableFuture.supplyAsync(() -> workload.run(camel, template, deadline, lockstep),
                        pool))
                .toList();
        boolean complete = runs.stream().allMatch(CompletableFuture::join);
        for (SendWorkload workload : workloads) {
            System.out.println("DONE " + workload.summary());
        }
        System.out.flush();
        // Every record is on disk; closing RocketMQ clients would only add seconds.
        System.exit(complete ? 0 : 3);
    }
}
