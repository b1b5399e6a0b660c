package io.rocketcamel.component.rocketmq.saga;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.rocketcamel.component.rocketmq.RocketMQComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The JVM that SagaCrashIT kills: starts three sagas left to their timeout and three completed at once (the first of
 * which blocks in a completion callback), prints {@code STARTED}, then waits to be killed.
 * Arguments: name server address, saga topic, participant, client instance name, callback record file.
 */
public final class SagaCrashChild {

    static final String BLOCKED = "completing-0";

    private SagaCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        CamelContext context = new DefaultCamelContext();
        RocketMQComponent component = new RocketMQComponent();
        component.getConfiguration().setNamesrvAddr(args[0]);
        context.addComponent("rocketmq", component);
        context.addService(service(args[1], args[2], args[3]));
        context.addRoutes(new CrashRoutes(Path.of(args[4]), BLOCKED));
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        for (int i = 0; i < 3; i++) {
            template.sendBodyAndHeaders("direct:start", null, Map.of("name", "timing-out-" + i, "complete", false));
        }
        for (int i = 0; i < 3; i++) {
            template.sendBodyAndHeaders("direct:start", null, Map.of("name", "completing-" + i, "complete", true));
        }
        System.out.println("STARTED");
        Thread.currentThread().join();
    }

    /** The crash test's saga service, the same in the child and after the restart. */
    static RocketMQSagaService service(String topic, String participant, String instanceName) {
        RocketMQSagaService saga = new RocketMQSagaService();
        saga.setTopic(topic);
        saga.setDeadLetterTopic(topic + "-dlq");
        saga.setParticipant(participant);
        saga.setInstanceName(instanceName);
        saga.setRetryDelay(Duration.ofMillis(200));
        saga.setSendTimeout(Duration.ofSeconds(10));
        return saga;
    }
}
