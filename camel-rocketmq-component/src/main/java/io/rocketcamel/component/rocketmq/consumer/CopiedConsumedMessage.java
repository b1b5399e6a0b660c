package io.rocketcamel.component.rocketmq.consumer;

import io.rocketcamel.component.rocketmq.internal.ConsumedOrigin;
import org.apache.camel.CamelContext;
import org.apache.camel.support.DefaultMessage;

/** A copy of a {@link ConsumedMessage}: a plain message that still knows what was consumed. */
final class CopiedConsumedMessage extends DefaultMessage implements ConsumedOrigin {

    private final String messageId;
    private final String tags;
    private final String keys;
    private final String messageGroup;

    CopiedConsumedMessage(CamelContext context, String messageId, String tags, String keys, String messageGroup) {
        super(context);
        this.messageId = messageId;
        this.tags = tags;
        this.keys = keys;
        this.messageGroup = messageGroup;
    }

    @Override
    public String consumedMessageId() {
        return messageId;
    }

    @Override
    public String consumedTags() {
        return tags;
    }

    @Override
    public String consumedKeys() {
        return keys;
    }

    @Override
    public String consumedMessageGroup() {
        return messageGroup;
    }

    @Override
    public DefaultMessage newInstance() {
        return new CopiedConsumedMessage(getCamelContext(), messageId, tags, keys, messageGroup);
    }
}
