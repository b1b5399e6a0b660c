package io.rocketcamel.component.rocketmq.saga;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.rocketcamel.component.rocketmq.saga.SagaEvent.Action;
import io.rocketcamel.component.rocketmq.saga.SagaEvent.Type;
import io.rocketcamel.component.rocketmq.saga.SagaState.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The fold's rules, event by event, without a broker. */
class SagaFoldTest {

    private static final String ME = "orders";
    private static final String OTHER = "payments";
    private static final long WINDOW = 60_000;

    private final SagaDecisions decisions = new SagaDecisions();
    private final SagaFold fold = new SagaFold(ME, WINDOW, decisions);
    private long offset;
    private long clock = 1_000_000;

    private SagaState apply(SagaEvent event) {
        return fold.apply(event, offset++, clock);
    }

    private static SagaEvent joined(String saga, String participant, String step) {
        return SagaEvent.joined(saga, participant, step, "direct:undo-" + step, "direct:done-" + step,
                Map.of("k", step), null);
    }

    /** A step of this participant joining from a consumed message, with the endpoints named after {@code endpoints}. */
    private static SagaEvent joinedFrom(String saga, String step, String endpoints, String message) {
        return SagaEvent.joined(saga, ME, step, "direct:undo-" + endpoints, "direct:done-" + endpoints,
                Map.of("k", step), message);
    }

    /** A failed compensation attempt of this participant's step in saga s1: RETRY, FAILED or DEAD_LETTERED. */
    private static SagaEvent failure(Type type, String step, int attempt) {
        return SagaEvent.failed(type, "s1", ME, step, Action.COMPENSATION, attempt, "boom");
    }

    /** Saga s1, its step a of this participant joined, then compensation requested. */
    private SagaState compensatedWithStepA() {
        apply(joined("s1", ME, "a"));
        return apply(request(Type.COMPENSATE, "s1"));
    }

    private static SagaEvent request(Type type, String saga) {
        return SagaEvent.request(type, saga, OTHER, null);
    }

    /** Runs the callbacks the fold hands out, all succeeding, as the driver would; returns them in order. */
    private List<String> runAll(SagaState saga) {
        List<String> ran = new ArrayList<>();
        for (JoinedStep step = fold.nextCallback(saga); step != null; step = fold.nextCallback(saga)) {
            ran.add(step.endpoint(saga.actionOf(step)));
            step.succeeded(false);
            step.recorded();
        }
        fold.settle(saga);
        return ran;
    }

    @Test
    void completionRunsOwnStepsOnlyTheLastJoinedFirst() {
        apply(SagaEvent.created("s1", ME));
        apply(joined("s1", ME, "a"));
        apply(joined("s1", OTHER, "x"));
        SagaState saga = apply(joined("s1", ME, "b"));
        assertThat(fold.nextCallback(saga)).as("nothing runs before a decision").isNull();

        apply(request(Type.COMPLETE, "s1"));

        assertThat(runAll(saga)).containsExactly("direct:done-b", "direct:done-a");
        assertThat(saga.isSettled()).isTrue();
        assertThat(decisions.of("s1")).contains(Status.COMPLETING);
    }

    @Test
    void theFirstDecisionInTheLogWins() {
        apply(joined("s1", ME, "a"));
        apply(request(Type.COMPENSATE, "s1"));
        SagaState saga = apply(request(Type.COMPLETE, "s1"));
        apply(SagaEvent.timeout("s1", ME, "a", 1000));

        assertThat(saga.status()).isEqualTo(Status.COMPENSATING);
        assertThat(saga.reason()).startsWith("COMPENSATE");
        assertThat(runAll(saga)).containsExactly("direct:undo-a");
    }

    @Test
    void aTimeoutCompensatesARunningSaga() {
        apply(joined("s1", ME, "a"));
        SagaState saga = apply(SagaEvent.timeout("s1", ME, "a", 2000));

        assertThat(saga.status()).isEqualTo(Status.COMPENSATING);
        assertThat(saga.reason()).contains("timeout of 2000 ms");
        assertThat(runAll(saga)).containsExactly("direct:undo-a");
    }

    @Test
    void aStepJoiningAfterTheDecisionIsCompensatedEvenWhenTheSagaCompletes() {
        apply(joined("s1", ME, "a"));
        SagaState saga = apply(request(Type.COMPLETE, "s1"));
        assertThat(runAll(saga)).containsExactly("direct:done-a");

        apply(joined("s1", ME, "late"));

        assertThat(saga.isSettled()).isFalse();
        assertThat(runAll(saga)).containsExactly("direct:undo-late");
    }

    /** The second run may have redone what a compensation undid: it is compensated again, and completed again. */
    @ParameterizedTest
    @CsvSource({ "COMPLETE, direct:done-pay", "COMPENSATE, direct:undo-pay" })
    void aStepsMessageDeliveredAgainAfterTheDecisionJoinsAgainAndGetsTheDecisionAgain(Type decision, String callback) {
        apply(joinedFrom("s1", "a", "pay", "m-1"));
        SagaState saga = apply(request(decision, "s1"));
        assertThat(runAll(saga)).containsExactly(callback);

        apply(joinedFrom("s1", "a-again", "pay", "m-1"));

        assertThat(saga.step("a-again").isLate()).isFalse();
        assertThat(runAll(saga)).containsExactly(callback);
        assertThat(saga.isSettled()).isTrue();
    }

    @Test
    void aLateJoinRepeatsNoStepOfAnotherMessageOtherEndpointsOrNoMessageOrALateOne() {
        apply(joinedFrom("s1", "a", "pay", "m-1"));
        apply(joinedFrom("s1", "n", "ship", null));
        SagaState saga = apply(request(Type.COMPLETE, "s1"));
        assertThat(runAll(saga)).containsExactly("direct:done-ship", "direct:done-pay");

        apply(joinedFrom("s1", "other-message", "pay", "m-2"));
        apply(joinedFrom("s1", "other-endpoints", "ship", "m-1"));
        apply(joinedFrom("s1", "no-message", "ship", null));
        apply(joinedFrom("s1", "late-again", "ship", "m-1"));

        assertThat(runAll(saga)).as("each a late step of its own, compensated")
                .containsExactly("direct:undo-ship", "direct:undo-ship", "direct:undo-ship", "direct:undo-pay");
    }

    @Test
    void aDecisionOfASagaWithoutStepsHereMakesALaterStepLate() {
        apply(SagaEvent.timeout("s1", OTHER, "x", 500));
        SagaState saga = apply(joined("s1", ME, "late"));

        assertThat(runAll(saga)).containsExactly("direct:undo-late");
    }

    @Test
    void aFailedCallbackHoldsUpTheStepsJoinedBeforeItUntilItsRetryArrives() {
        apply(joined("s1", ME, "a"));
        apply(joined("s1", ME, "b"));
        SagaState saga = apply(request(Type.COMPENSATE, "s1"));
        JoinedStep b = fold.nextCallback(saga);
        assertThat(b.id()).isEqualTo("b");

        b.failed(1, true);
        assertThat(fold.nextCallback(saga)).as("a waits for b").isNull();

        apply(failure(Type.RETRY, "b", 1));
        assertThat(fold.nextCallback(saga)).isSameAs(b);
        assertThat(b.failures()).isEqualTo(1);
    }

    @Test
    void aFailureReadOnAReplayHoldsTheNextAttemptUntilItsRetryArrives() {
        SagaState saga = compensatedWithStepA();
        apply(failure(Type.FAILED, "a", 1));

        assertThat(fold.nextCallback(saga)).as("the retry is due later").isNull();

        apply(failure(Type.RETRY, "a", 1));
        JoinedStep a = fold.nextCallback(saga);
        assertThat(a.failures() + 1).as("the next attempt's number").isEqualTo(2);
    }

    @Test
    void aFailureReadAfterItsRetryAwaitsNothing() {
        SagaState saga = compensatedWithStepA();
        apply(failure(Type.RETRY, "a", 1));

        apply(failure(Type.FAILED, "a", 1));

        assertThat(fold.nextCallback(saga)).isNotNull();
    }

    @Test
    void aReDrivenCallbacksFirstFailureAwaitsItsRetryAgain() {
        SagaState saga = compensatedWithStepA();
        apply(failure(Type.RETRY, "a", 1));
        apply(failure(Type.RETRY, "a", 2));
        apply(failure(Type.DEAD_LETTERED, "a", 3));
        apply(SagaEvent.request(Type.REDRIVE, "s1", OTHER, null));

        apply(failure(Type.FAILED, "a", 1));

        assertThat(fold.nextCallback(saga)).isNull();
    }

    @Test
    void aRetryOfAnEarlierAttemptDoesNotReleaseTheCurrentWait() {
        SagaState saga = compensatedWithStepA();
        JoinedStep a = fold.nextCallback(saga);
        // after a restart attempt 1 ran twice: two RETRY events for it are on their way
        a.failed(1, true);
        apply(failure(Type.RETRY, "a", 1));
        a.failed(2, true);

        apply(failure(Type.RETRY, "a", 1));

        assertThat(fold.nextCallback(saga)).isNull();
        apply(failure(Type.RETRY, "a", 2));
        assertThat(fold.nextCallback(saga)).isSameAs(a);
    }

    @Test
    void aDeadLetteredCallbackLetsTheOthersRunAndKeepsTheSagaUntilReDriven() {
        apply(joined("s1", ME, "a"));
        apply(joined("s1", ME, "b"));
        SagaState saga = apply(request(Type.COMPENSATE, "s1"));
        apply(failure(Type.DEAD_LETTERED, "b", 3));

        assertThat(runAll(saga)).containsExactly("direct:undo-a");
        assertThat(saga.isSettled()).isFalse();

        apply(SagaEvent.request(Type.REDRIVE, "s1", OTHER, null));
        JoinedStep b = fold.nextCallback(saga);
        assertThat(b.id()).isEqualTo("b");
        assertThat(b.failures()).isZero();
        assertThat(runAll(saga)).containsExactly("direct:undo-b");
        assertThat(saga.isSettled()).isTrue();
    }

    @Test
    void aReplayedOutcomeFurtherOnMeansTheCallbackIsNotDueAgain() {
        apply(joined("s1", ME, "a"));
        apply(request(Type.COMPLETE, "s1"));
        SagaState saga = apply(SagaEvent.succeeded("s1", ME, "a", Action.COMPLETION));

        assertThat(fold.nextCallback(saga)).isNull();
        assertThat(saga.isSettled()).isTrue();
    }

    @Test
    void anEventReadTwiceChangesNothing() {
        SagaEvent join = joined("s1", ME, "a");
        apply(join);
        SagaState saga = apply(join);
        apply(request(Type.COMPLETE, "s1"));

        assertThat(runAll(saga)).containsExactly("direct:done-a");
    }

    @Test
    void aSettledSagaIsForgottenAfterTheWindowOnTheLogsClockAndTheReplayStartMovesOn() {
        apply(joined("s1", ME, "a"));
        SagaState first = apply(request(Type.COMPLETE, "s1"));
        long secondStart = offset;
        apply(joined("s2", ME, "b"));
        assertThat(fold.replayStart()).isZero();

        runAll(first);
        assertThat(fold.replayStart()).as("kept for the late-join window").isZero();
        clock += WINDOW;
        apply(SagaEvent.created("s3", OTHER));

        assertThat(fold.replayStart()).isEqualTo(secondStart);
        assertThat(decisions.of("s1")).isEmpty();
        assertThat(fold.sagas()).extracting(SagaState::id).containsExactly("s2");
    }

    @Test
    void sagasWithoutStepsHereAreNotKeptUntilDecided() {
        apply(SagaEvent.created("s1", OTHER));
        apply(joined("s1", OTHER, "x"));

        assertThat(fold.sagas()).isEmpty();
        assertThat(fold.replayStart()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void discardingForgetsTheDecisions() {
        apply(joined("s1", ME, "a"));
        apply(request(Type.COMPENSATE, "s1"));

        fold.discard();

        assertThat(decisions.of("s1")).isEmpty();
        assertThat(fold.sagas()).isEmpty();
    }
}
