package io.rocketcamel.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The fast subset of the fault-injection suite inside {@code mvn verify}: scenarios 1, 2 (CONCURRENTLY, ORDERLY, POP, idempotent, BROADCASTING) and 4 with small N, each
 * killing real child processes. Every row must meet the goal (nothing lost, no inversion, the scenario's own
 * requirements), and the ONEWAY control must be reported as lossy: proof that the loss check can fail.
 */
class ReliabilityIT {

    @AfterAll
    static void closeClients() {
        Background.awaitClosed(30);
    }

    @Test
    void brokerKilledMidStreamLosesNothingAcknowledged() throws Exception {
        List<Result> rows = new BrokerKillScenario().run(Scenario.Size.QUICK, false);
        assertMeetGoal(rows);
        assertThat(rows).filteredOn(r -> r.control).singleElement().satisfies(oneway -> {
            assertThat(oneway.lost).as("messages the ONEWAY control lost, reported by the check").isPositive();
            assertThat(oneway.verdict()).isEqualTo(Result.Verdict.CONTROL_DETECTED);
        });
        assertThat(rows).filteredOn(r -> !r.control).hasSize(3)
                .allSatisfy(r -> assertThat(r.acknowledged).isEqualTo(r.n));
    }

    @Test
    void consumerKilledMidStreamIsTakenOverWithoutLossOrInversion() throws Exception {
        List<Result> rows = new ConsumerKillScenario().run(Scenario.Size.QUICK, false);
        assertMeetGoal(rows);
        assertThat(rows).extracting(r -> r.scenario + " " + r.variant.split(",")[0])
                .containsExactly("2 CLUSTERING CONCURRENTLY", "2 CLUSTERING ORDERLY", "3 ORDERLY takeover",
                        "2 CLUSTERING POP", "2 CLUSTERING CONCURRENTLY", "2 BROADCASTING", "2 BROADCASTING");
        // idempotent consumers with claimTimeout lose nothing (the full run adds the control, claimTimeout=0, which does)
        assertThat(rows).filteredOn(r -> r.variant.contains("idempotent")).extracting(Result::verdict)
                .containsExactly(Result.Verdict.PASS);
    }

    @Test
    void transactionsOfAKilledProducerAreDecidedByAnotherInstance() throws Exception {
        List<Result> rows = new TransactionScenario().run(Scenario.Size.QUICK, false);
        assertMeetGoal(rows);
    }

    private static void assertMeetGoal(List<Result> rows) {
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row.meetsGoal()).as(row.toString()).isTrue());
    }
}
