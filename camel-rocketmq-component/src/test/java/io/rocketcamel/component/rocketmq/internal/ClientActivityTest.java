package io.rocketcamel.component.rocketmq.internal;

import java.util.Map;

import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the hook makes of the answers to calls the client makes anyway, without a broker. */
class ClientActivityTest {

    private static final String BROKER_A = "127.0.0.1:10911";
    private static final String BROKER_B = "127.0.0.1:10921";

    private final ClientActivity activity = new ClientActivity(null);

    private void answer(String broker, int requestCode, int responseCode, String remark) {
        activity.doAfterResponse(broker, RemotingCommand.createRequestCommand(requestCode, null),
                RemotingCommand.createResponseCommand(responseCode, remark));
    }

    @Test
    void aPullRefusedTwiceInARowByABrokerIsReportedWithItsLastAnswerUntilTheBrokerAnswersOne() {
        answer(BROKER_A, RequestCode.PULL_MESSAGE, ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, "no group g");
        assertThat(activity.pullRefusals()).as("once may be a broker that just restarted").isEmpty();

        answer(BROKER_A, RequestCode.PULL_MESSAGE, ResponseCode.NO_PERMISSION, "no permission");
        answer(BROKER_B, RequestCode.PULL_MESSAGE, ResponseCode.PULL_NOT_FOUND, null);
        assertThat(activity.pullRefusals()).containsExactly(Map.entry(BROKER_A, "CODE 16: no permission"));

        answer(BROKER_A, RequestCode.PULL_MESSAGE, ResponseCode.PULL_NOT_FOUND, null);
        assertThat(activity.pullRefusals()).isEmpty();
    }

    @Test
    void popsCountAsPullsAndOtherErrorsOfAPullAreNoRefusal() {
        answer(BROKER_A, RequestCode.POP_MESSAGE, ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, "no group g");
        answer(BROKER_A, RequestCode.POP_MESSAGE, ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, "no group g");
        assertThat(activity.pullRefusals()).containsOnlyKeys(BROKER_A);

        // a busy broker or a subscription the broker has not seen yet passes by itself
        answer(BROKER_B, RequestCode.PULL_MESSAGE, ResponseCode.SYSTEM_BUSY, "busy");
        answer(BROKER_B, RequestCode.PULL_MESSAGE, ResponseCode.SUBSCRIPTION_NOT_EXIST, "not yet");
        assertThat(activity.pullRefusals()).containsOnlyKeys(BROKER_A);
    }

    @Test
    void aBrokerListingNoConsumerOfTheGroupAtTwoRebalancesIsReportedUntilItListsOne() {
        answer(BROKER_A, RequestCode.GET_CONSUMER_LIST_BY_GROUP, ResponseCode.SYSTEM_ERROR, "no consumer for this group, g");
        assertThat(activity.memberListRefusals()).isEmpty();
        answer(BROKER_A, RequestCode.GET_CONSUMER_LIST_BY_GROUP, ResponseCode.SYSTEM_ERROR, "no consumer for this group, g");
        assertThat(activity.memberListRefusals())
                .containsExactly(Map.entry(BROKER_A, "CODE 1: no consumer for this group, g"));
        assertThat(activity.pullRefusals()).as("kept apart from pulls").isEmpty();

        answer(BROKER_A, RequestCode.GET_CONSUMER_LIST_BY_GROUP, ResponseCode.SUCCESS, null);
        assertThat(activity.memberListRefusals()).isEmpty();
    }
}
