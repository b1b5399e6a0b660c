package io.rocketcamel.broker.junit;

import io.rocketcamel.broker.Layout;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apache.rocketmq.store.config.BrokerRole;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against an embedded RocketMQ name server and broker. By default one broker per distinct
 * configuration is shared by every class of the test run and stopped at its end; {@code shared = false} gives the
 * class its own. The broker is injectable as an {@code EmbeddedRocketMQBroker} parameter, and its name server address
 * is published as system property {@code rocketmq.namesrv.addr} while the class runs; after it the property is what
 * it was before (unset if it was).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EmbeddedRocketMQExtension.class)
public @interface EmbeddedRocketMQ {

    /** Topics to create before the class runs, each with {@link #queues()} queues. */
    String[] topics() default {};

    /** Ordered (FIFO) topics to create before the class runs. */
    String[] orderedTopics() default {};

    /** Queues per topic created through {@link #topics()} and {@link #orderedTopics()}. */
    int queues() default 4;

    /** Broker delay levels such as {@code "1s 2s 3s"}; empty for RocketMQ's 18 default levels. */
    String delayLevels() default "";

    /** Transaction check-back interval in milliseconds; 0 for the embedded default (60 s); negative is refused. */
    long transactionCheckIntervalMs() default 0;

    /**
     * Age in milliseconds before an undecided half message is checked back; 0 for the default (6 s); negative is
     * refused.
     */
    long transactionTimeoutMs() default 0;

    /** Number of brokers (masters) under the name server. */
    int brokers() default 1;

    /**
     * The role of the {@link #brokers()} masters: ASYNC_MASTER (default) or SYNC_MASTER (waits for a slave's copy;
     * with no slave and {@code inSyncReplicas=2} every send answers FLUSH_SLAVE_TIMEOUT).
     */
    BrokerRole masterRole() default BrokerRole.ASYNC_MASTER;

    /** A cluster layout instead of {@link #brokers()} masters, e.g. {@code Layout.TWO_MASTERS_TWO_SLAVES_SYNC}. */
    Layout layout() default Layout.ONE_MASTER;

    /** Extra broker settings as {@code key=value} (BrokerConfig / MessageStoreConfig field names). */
    String[] brokerProperties() default {};

    /** Share one broker across all classes with the same settings (default), or start one for this class only. */
    boolean shared() default true;
}
