package io.rocketcamel.component.rocketmq.transaction;

import java.util.Collection;

import io.rocketcamel.component.rocketmq.RocketMQSendDynamicAware;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.processor.SendDynamicProcessor;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * Has each rocketmq toD join its producer group when its route starts ({@link RocketMQSendDynamicAware#joinTransactionalGroup}):
 * Camel tells a route's start to lifecycle strategies, not to the processors' SendDynamicAware, which never learns
 * its toD's URI.
 */
public final class TransactionalToDs extends LifecycleStrategySupport {

    @Override
    public void onRoutesAdd(Collection<Route> routes) {
        for (Route route : routes) {
            for (Processor processor : route.filter("*")) {
                if (processor instanceof SendDynamicProcessor toD
                    && toD.getDynamicAware() instanceof RocketMQSendDynamicAware aware) {
                    try {
                        aware.joinTransactionalGroup(toD.getUri());
                    } catch (Exception e) {
                        throw RuntimeCamelException.wrapRuntimeCamelException(e);
                    }
                }
            }
        }
    }
}
