package io.rocketcamel.component.rocketmq.saga;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.rocketcamel.component.rocketmq.saga.SagaEvent.Action;
import io.rocketcamel.component.rocketmq.saga.SagaEvent.Type;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SagaEventTest {

    @Test
    void aJoinedStepSurvivesTheRoundTrip() {
        SagaEvent joined = SagaEvent.joined("s-1", "orders", "step-1", "direct:cancel", null,
                Map.of("orderId", "o-1", "quote", "say \"hi\"\n\u00e9"), "7F0000011F8A18B4AAC2");

        SagaEvent read = SagaEvent.fromBytes(joined.toBytes());

        assertThat(read).isEqualTo(joined);
        assertThat(read.completion()).isNull();
        assertThat(read.origin()).isEqualTo("7F0000011F8A18B4AAC2");
    }

    @Test
    void aJoinFromNoConsumedMessageHasNoOrigin() {
        SagaEvent joined = SagaEvent.joined("s-1", "orders", "step-1", "direct:cancel", null, Map.of(), null);

        assertThat(new String(joined.toBytes(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("origin");
        assertThat(SagaEvent.fromBytes(joined.toBytes()).origin()).isNull();
    }

    @Test
    void aFailureSurvivesTheRoundTrip() {
        SagaEvent failed = SagaEvent.failed(Type.DEAD_LETTERED, "s-1", "orders", "step-1", Action.COMPENSATION, 10,
                "java.lang.IllegalStateException: down");

        assertThat(SagaEvent.fromBytes(failed.toBytes())).isEqualTo(failed);
    }

    @Test
    void theBodyIsJsonPeopleCanRead() {
        String json = new String(SagaEvent.request(Type.COMPENSATE, "s-1", "orders", "exchange failed").toBytes(),
                StandardCharsets.UTF_8);

        assertThat(json).contains("\"type\":\"COMPENSATE\"", "\"saga\":\"s-1\"", "\"participant\":\"orders\"",
                "\"reason\":\"exchange failed\"");
    }

    @Test
    void whatIsNoSagaEventIsRefusedWithTheReason() {
        assertThatThrownBy(() -> SagaEvent.fromBytes("hello".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not a saga event");
        assertThatThrownBy(() -> SagaEvent.fromBytes("{\"v\":2,\"type\":\"CREATED\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format 2");
        assertThatThrownBy(() -> SagaEvent.fromBytes("{\"v\":1,\"type\":\"CREATED\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a type, a saga and a participant");
    }

    @Test
    void retriesBackOffByDoublingUpToTheLongestDelay() {
        RetryPolicy policy = new RetryPolicy(5, 1000, 5000);

        assertThat(policy.delayAfter(1)).isEqualTo(1000);
        assertThat(policy.delayAfter(2)).isEqualTo(2000);
        assertThat(policy.delayAfter(3)).isEqualTo(4000);
        assertThat(policy.delayAfter(4)).isEqualTo(5000);
        assertThat(policy.isLast(4)).isFalse();
        assertThat(policy.isLast(5)).isTrue();
    }

    @Test
    void aSagasEventsGoToOneQueueChosenAsTheComponentsOrderKeyChoosesIt() {
        assertThat(SagaLog.queueIndex("s-1", 8))
                .isEqualTo(io.rocketcamel.component.rocketmq.OrderKeyQueueSelector.queueIndex("s-1", 8));
    }

    /** A body that parses as JSON but is no object, or has a field of the wrong JSON type, is no saga event either. */
    @Test
    void malformedEventsAreRefusedAsNoSagaEventNotWithAnUncheckedError() {
        for (String body : new String[] {
                "null",
                "{\"v\":true,\"type\":\"CREATED\",\"saga\":\"s\",\"participant\":\"p\"}",
                "{\"v\":1,\"type\":\"JOINED\",\"saga\":\"s\",\"participant\":\"p\",\"options\":\"x\"}",
                "{\"v\":1,\"type\":\"COMPLETE\",\"saga\":{},\"participant\":\"p\"}" }) {
            assertThatThrownBy(() -> SagaEvent.fromBytes(body.getBytes(StandardCharsets.UTF_8))).as(body)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /**
     * JSON nested deeper than a thread's stack: the parser reads it without recursing, but printing it (in the refusal,
     * or an option's value) recursed into a StackOverflowError, which no reader catches as a malformed event, so the
     * saga topic's queue stopped at it for every participant.
     */
    @Test
    void deeplyNestedJsonIsRefusedAsNoSagaEvent() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        for (String body : new String[] {
                deep,
                "{\"v\":1,\"type\":\"COMPLETE\",\"saga\":" + deep + ",\"participant\":\"p\"}",
                "{\"v\":1,\"type\":\"JOINED\",\"saga\":\"s\",\"participant\":\"p\",\"options\":{\"o\":" + deep + "}}" }) {
            assertThatThrownBy(() -> SagaEvent.fromBytes(body.getBytes(StandardCharsets.UTF_8)))
                    .as(body.substring(0, 40)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Not a saga event");
        }
    }
}
