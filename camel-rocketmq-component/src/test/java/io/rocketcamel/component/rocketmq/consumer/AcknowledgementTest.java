package io.rocketcamel.component.rocketmq.consumer;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AcknowledgementTest {

    private static final Acknowledgement.DelayLimit THREE_DAYS = new Acknowledgement.DelayLimit(Duration.ofDays(3), "maxDelay");

    @Test
    void theFirstDecisionCountsAndALaterOneFails() throws Exception {
        Acknowledgement acknowledgement = new Acknowledgement(THREE_DAYS);
        acknowledgement.retryLater(Duration.ofMinutes(5));

        assertThatThrownBy(acknowledgement::ack).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already sent back for redelivery");
        assertThat(acknowledgement.await(0)).isEqualTo(new Acknowledgement.Decision(false, Duration.ofMinutes(5)));
    }

    @Test
    void aDecisionAfterTheWaitEndedIsRefusedSoTheRouteLearnsOfTheRedelivery() throws Exception {
        Acknowledgement acknowledgement = new Acknowledgement(THREE_DAYS);

        assertThat(acknowledgement.await(10)).isNull();
        assertThatThrownBy(acknowledgement::ack).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no decision came within manualAckTimeout");
    }

    @Test
    void aWaitTheStopEndedIsToldApartFromOneThatTimedOut() throws Exception {
        Acknowledgement stopped = new Acknowledgement(THREE_DAYS);
        stopped.stop();

        assertThat(stopped.await(30_000)).isNull();
        assertThat(stopped.stopped()).isTrue();
        assertThatThrownBy(stopped::ack).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already being redelivered: the consumer stopped");

        Acknowledgement timedOut = new Acknowledgement(THREE_DAYS);
        assertThat(timedOut.await(10)).isNull();
        timedOut.stop();
        assertThat(timedOut.stopped()).as("a stop after the timeout").isFalse();

        Acknowledgement decided = new Acknowledgement(THREE_DAYS);
        decided.ack();
        decided.stop();
        assertThat(decided.await(0)).isEqualTo(Acknowledgement.Decision.ACK);
        assertThat(decided.stopped()).as("a stop after the decision").isFalse();
    }

    @Test
    void anOrderlyConsumerRefusesARetryLaterLongerThanItCanSuspendItsQueue() throws Exception {
        Acknowledgement orderly = new Acknowledgement(new Acknowledgement.DelayLimit(OrderlyListener.MAX_SUSPEND,
                "an ORDERLY consumer suspends its queue for at most " + OrderlyListener.MAX_SUSPEND));

        assertThatThrownBy(() -> orderly.retryLater(Duration.ofSeconds(31))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("PT31S", "ORDERLY", "PT30S");
        assertThatThrownBy(() -> orderly.retryLater(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zero or more");
        orderly.retryLater(Duration.ofSeconds(30));
        assertThat(orderly.await(0).delay()).isEqualTo(Duration.ofSeconds(30));
    }
}
