package io.rocketcamel.component.rocketmq.console;

import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.apache.rocketmq.remoting.protocol.header.QueryMessageRequestHeader;

/** A broker's index look-up, for {@link BrokerRound}: each broker of a round gets a request of its own. */
public final class IndexQuery {

    private IndexQuery() {
    }

    /**
     * @param indexType {@link MessageConst#INDEX_KEY_TYPE} (a key a producer set) or
     *                  {@link MessageConst#INDEX_UNIQUE_TYPE} (the client's message id)
     * @param max       messages per broker at most; the broker's own limit for a message id
     * @param begin     stored from (ms since the epoch) on
     */
    public static RemotingCommand request(String topic, String key, String indexType, int max, long begin) {
        QueryMessageRequestHeader header = new QueryMessageRequestHeader();
        header.setTopic(topic);
        header.setKey(key);
        header.setMaxNum(max);
        header.setBeginTimestamp(begin);
        header.setEndTimestamp(Long.MAX_VALUE);
        header.setIndexType(indexType);
        RemotingCommand request = RemotingCommand.createRequestCommand(RequestCode.QUERY_MESSAGE, header);
        boolean byMessageId = MessageConst.INDEX_UNIQUE_TYPE.equals(indexType);
        request.addExtField(MixAll.UNIQUE_MSG_QUERY_FLAG, String.valueOf(byMessageId));
        return request;
    }
}
