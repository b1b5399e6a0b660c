package io.rocketcamel.starter;

import io.rocketcamel.testsupport.ComponentCatalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.component.rocketmq.ConsumeMode;
import io.rocketcamel.component.rocketmq.MigrationAliases;
import io.rocketcamel.component.rocketmq.RocketMQComponent;
import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import io.rocketcamel.component.rocketmq.SendMode;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Which beans exist for which properties, and that each property reaches the component. */
class RocketMQComponentAutoConfigurationIT {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(CamelAutoConfiguration.class, EmbeddedBrokerAutoConfiguration.class,
                    RocketMQComponentAutoConfiguration.class));

    @Test
    void withoutAnAddressTheComponentUsesTheEmbeddedBroker() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(EmbeddedRocketMQBroker.class);
            String address = context.getBean(EmbeddedRocketMQBroker.class).getNamesrvAddr();
            assertThat(address).matches("127\\.0\\.0\\.1:\\d+");
            assertThat(component(context).getConfiguration().getNamesrvAddr()).isEqualTo(address);
        });
    }

    @Test
    void anAddressMeansNoEmbeddedBroker() {
        runner.withPropertyValues("camel.component.rocketmq.namesrv-addr=mq1:9876;mq2:9876").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedRocketMQBroker.class);
            assertThat(component(context).getConfiguration().getNamesrvAddr()).isEqualTo("mq1:9876;mq2:9876");
        });
    }

    /** Nothing would point the component at the broker: it ran unused. Switched on explicitly, it still starts. */
    @ParameterizedTest
    @ValueSource(strings = { "camel.component.rocketmq.enabled=false", "camel.component.enabled=false",
                             "camel.component.rocketmq.customizer.enabled=false",
                             "camel.component.customizer.enabled=false" })
    void noBrokerStartsWhenTheStarterDoesNotConfigureTheComponent(String off) {
        runner.withPropertyValues(off).run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(EmbeddedRocketMQBroker.class));
        runner.withPropertyValues(off, "rocketcamel.embedded-broker.enabled=true").run(context ->
                assertThat(context).hasNotFailed().hasSingleBean(EmbeddedRocketMQBroker.class));
    }

    /** A misspelt address left the address unset: the application ran on an embedded broker's throw-away store. */
    @Test
    void aPropertyThatNamesNoOptionFailsTheStartNamingIt() {
        assertStartFails(runner, "camel.component.rocketmq.namesrv-address=mq1:9876",
                "camel.component.rocketmq.namesrv-address");
        runner.withPropertyValues("camel.component.rocketmq.namesrv-addr=mq1:9876",
                "camel.component.rocketmq.customizer.enabled=true", "camel.component.rocketmq.enabled=true")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void disabledEmbeddedBrokerLeavesTheComponentDefault() {
        runner.withPropertyValues("rocketcamel.embedded-broker.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedRocketMQBroker.class);
            assertThat(component(context).getConfiguration().getNamesrvAddr()).isEqualTo("localhost:9876");
        });
    }

    @Test
    void enabledEmbeddedBrokerStartsButAnExplicitAddressStillWins() {
        runner.withPropertyValues("rocketcamel.embedded-broker.enabled=true",
                "camel.component.rocketmq.namesrv-addr=mq1:9876").run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(EmbeddedRocketMQBroker.class);
                    assertThat(component(context).getConfiguration().getNamesrvAddr()).isEqualTo("mq1:9876");
                });
    }

    @Test
    void embeddedBrokerPropertiesReachTheBroker() {
        runner.withPropertyValues("rocketcamel.embedded-broker.delay-levels=1s 2s 3s",
                "rocketcamel.embedded-broker.topics.orders=2",
                "rocketcamel.embedded-broker.broker-properties.enablePropertyFilter=true",
                "rocketcamel.embedded-broker.access-key=app", "rocketcamel.embedded-broker.secret-key=app-secret").run(context -> {
                    EmbeddedRocketMQBroker broker = context.getBean(EmbeddedRocketMQBroker.class);
                    assertThat(broker.getDelayLevels().count()).isEqualTo(3);
                    var controller = broker.getBrokerController(broker.getBrokerNames().get(0));
                    assertThat(controller.getTopicConfigManager().selectTopicConfig("orders").getWriteQueueNums())
                            .isEqualTo(2);
                    assertThat(controller.getBrokerConfig().isEnablePropertyFilter()).isTrue();
                    assertThat(controller.getAuthConfig().isAuthenticationEnabled()).isTrue();
                    assertThat(controller.getAuthConfig().getInitAuthenticationUser()).contains("\"app\"", "\"app-secret\"");
                });
    }

    /**
     * Every option at once, which together the component refuses (tags with sql, delay with delayLevel): the options
     * the customizer would apply are applied to a component of the test's own, where the values are read back.
     */
    @Test
    void everySimpleComponentOptionIsBound() {
        Map<String, Object> expected = new LinkedHashMap<>();
        List<String> properties = new ArrayList<>(List.of("rocketcamel.embedded-broker.enabled=false"));
        ComponentCatalog.componentOptions().forEach((option, catalog) -> {
            // a deprecated alias writes the option it was renamed to, which the loop sets as well
            Object[] sample = Boolean.TRUE.equals(catalog.get("deprecated")) ? null : sample(catalog);
            if (sample != null) {
                properties.add(StarterMetadata.property(option) + "="
                        + sample[0]);
                expected.put(option, sample[1]);
            }
        });
        runner.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            CamelContext camel = context.getBean(CamelContext.class);
            RocketMQComponent component = new RocketMQComponent();
            component.setCamelContext(camel);
            Map<String, Object> options = RocketMQComponentAutoConfiguration.componentOptions(camel,
                    context.getBean(RocketMQComponentConfiguration.class),
                    RocketMQComponentAutoConfiguration.setOptions(context), null, component.getConfiguration());
            CamelPropertiesHelper.setCamelProperties(camel, component, options, true);
            PropertyConfigurerGetter getter = (PropertyConfigurerGetter) component.getComponentPropertyConfigurer();
            Map<String, Object> actual = new LinkedHashMap<>();
            expected.keySet().forEach(option -> {
                Object value = getter.getOptionValue(component, option, true);
                actual.put(option, value instanceof Enum<?> constant ? constant.name() : value);
            });
            assertThat(actual).isEqualTo(expected);
        });
        assertThat(expected).hasSizeGreaterThan(30);
    }

    /** Deprecated aliases (the old names, Apache camel-rocketmq's) write their new option only when set. */
    @Test
    void anUnsetDeprecatedAliasLeavesTheOptionItWasRenamedTo() {
        runner.withPropertyValues("camel.component.rocketmq.namesrv-addr=mq1:9876",
                "camel.component.rocketmq.batch-linger=20ms", "camel.component.rocketmq.suspend-time=3s",
                "camel.component.rocketmq.consume-timeout=2m").run(context -> {
                    RocketMQConfiguration configuration = component(context).getConfiguration();
                    assertThat(configuration.getBatchLinger()).isEqualTo(20);
                    assertThat(configuration.getSuspendTime()).isEqualTo(3000);
                    assertThat(configuration.getConsumeTimeout()).isEqualTo(120_000);
                    // set, it would log Apache's migration hint at every start
                    assertThat(configuration.getWaitForSendResult()).isNull();
                });
    }

    /**
     * A migration's Apache names set once for the component (request-timeout beside them keeps its default) are
     * defaults: an endpoint's own option wins, whichever side of the tag it is for.
     */
    @Test
    void apacheNamesSetForTheComponentAreDefaultsThatEndpointOptionsOverride() {
        runner.withPropertyValues("camel.component.rocketmq.namesrv-addr=mq1:9876",
                "camel.component.rocketmq.request-timeout-millis=30000", "camel.component.rocketmq.send-tag=orders")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    CamelContext camel = context.getBean(CamelContext.class);
                    assertThat(endpoint(camel, "rocketmq:a").getRequestTimeout()).isEqualTo(30_000);
                    assertThat(endpoint(camel, "rocketmq:b?requestTimeout=5s").getRequestTimeout()).isEqualTo(5_000);
                    RocketMQConfiguration consumer = endpoint(camel, "rocketmq:c?consumerGroup=g&tags=TagA||TagB");
                    assertThat(MigrationAliases.subscriptionTags(consumer)).isEqualTo("TagA||TagB");
                    assertThat(MigrationAliases.sendTags(endpoint(camel, "rocketmq:d"))).isEqualTo("orders");
                });
    }

    private static RocketMQConfiguration endpoint(CamelContext camel, String uri) {
        return camel.getEndpoint(uri, RocketMQEndpoint.class).getConfiguration();
    }

    @Test
    void aConfigurationBeanIsTheBaseThatSinglePropertiesRefine() {
        runner.withBean("sharedRocketMQ", RocketMQConfiguration.class, () -> {
            RocketMQConfiguration shared = new RocketMQConfiguration();
            shared.setProducerGroup("from-bean");
            shared.setSendMode(SendMode.ONEWAY);
            return shared;
        }).withPropertyValues("camel.component.rocketmq.namesrv-addr=mq1:9876",
                "camel.component.rocketmq.configuration=#bean:sharedRocketMQ",
                "camel.component.rocketmq.send-mode=ASYNC").run(context -> {
                    RocketMQConfiguration configuration = component(context).getConfiguration();
                    assertThat(configuration.getProducerGroup()).isEqualTo("from-bean");
                    assertThat(configuration.getSendMode()).isEqualTo(SendMode.ASYNC);
                });
    }

    /**
     * The properties class holds every option's default; before, every one of them was applied on top of the
     * configuration bean ("[sendMode from the bean] expected: ASYNC but was: SYNC"). Only the properties set refine it,
     * whatever their spelling.
     */
    @Test
    void aConfigurationBeanKeepsValuesNoPropertyWasSetFor() {
        runner.withBean("sharedRocketMQ", RocketMQConfiguration.class, () -> {
            RocketMQConfiguration shared = new RocketMQConfiguration();
            shared.setNamesrvAddr("mq1:9876");
            shared.setSendMode(SendMode.ASYNC);
            shared.setSendTimeout(10_000);
            shared.setMaxReconsumeTimes(3);
            shared.setConsumeMode(ConsumeMode.ORDERLY);
            shared.setHeartbeatBrokerInterval(30_000);
            return shared;
        }).withPropertyValues("camel.component.rocketmq.configuration=#bean:sharedRocketMQ",
                "camel.component.rocketmq.producer-group=from-property",
                "camel.component.rocketmq.maxReconsumeTimes=5").run(context -> {
                    assertThat(context).hasNotFailed();
                    RocketMQConfiguration c = component(context).getConfiguration();
                    assertThat(c.getProducerGroup()).isEqualTo("from-property");
                    assertThat(c.getMaxReconsumeTimes()).as("maxReconsumeTimes set in camel case").isEqualTo(5);
                    assertThat(c.getNamesrvAddr()).isEqualTo("mq1:9876");
                    assertThat(c.getSendMode()).as("sendMode from the bean").isEqualTo(SendMode.ASYNC);
                    assertThat(c.getSendTimeout()).as("sendTimeout from the bean").isEqualTo(10_000);
                    assertThat(c.getConsumeMode()).as("consumeMode from the bean").isEqualTo(ConsumeMode.ORDERLY);
                    assertThat(c.getHeartbeatBrokerInterval()).as("heartbeatBrokerInterval from the bean").isEqualTo(30_000);
                });
    }

    /**
     * An application's own rocketmq component keeps what it was given in code; before, the properties class's defaults
     * replaced it ("[sendTimeout set in code] expected: 10000L but was: 3000L").
     */
    @Test
    void anApplicationsOwnComponentKeepsValuesNoPropertyWasSetFor() {
        runner.withBean("rocketmq", RocketMQComponent.class, () -> {
            RocketMQComponent component = new RocketMQComponent();
            component.getConfiguration().setNamesrvAddr("mq1:9876");
            component.getConfiguration().setSendTimeout(10_000);
            component.getConfiguration().setConsumeThreadMin(4);
            return component;
        }).withPropertyValues("camel.component.rocketmq.send-mode=ASYNC").run(context -> {
            assertThat(context).hasNotFailed();
            RocketMQConfiguration c = component(context).getConfiguration();
            assertThat(c.getSendMode()).as("send-mode set as a property").isEqualTo(SendMode.ASYNC);
            assertThat(c.getSendTimeout()).as("sendTimeout set in code").isEqualTo(10_000);
            assertThat(c.getConsumeThreadMin()).as("consumeThreadMin set in code").isEqualTo(4);
        });
    }

    @Test
    void aBadComponentValueFailsNamingTheProperty() {
        ApplicationContextRunner clustered = runner.withPropertyValues("camel.component.rocketmq.namesrv-addr=mq1:9876");
        assertStartFails(clustered, "camel.component.rocketmq.send-mode=LOUD", "camel.component.rocketmq.send-mode");
        assertStartFails(clustered, "camel.component.rocketmq.send-timeout=soon", "camel.component.rocketmq.send-timeout");
        assertStartFails(clustered, "camel.component.rocketmq.pull-batch-size=many",
                "camel.component.rocketmq.pull-batch-size");
        assertStartFails(clustered, "camel.component.rocketmq.configuration=#bean:nothing",
                "camel.component.rocketmq.configuration");
    }

    /**
     * A value of the right type out of range was refused only where an endpoint was created, naming the component's
     * option (delay), not the property the application set.
     */
    @Test
    void anOutOfRangeComponentValueFailsTheStartNamingTheProperty() {
        ApplicationContextRunner withRoute = runner.withPropertyValues("camel.component.rocketmq.namesrv-addr=mq1:9876")
                .withBean(RouteBuilder.class, () -> new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:orders").to("rocketmq:orders");
                    }
                });
        String refusedByTheComponent = "The rocketmq component's own options are refused: ";
        assertStartFails(withRoute, "camel.component.rocketmq.delay=-5s", "Refused: camel.component.rocketmq.delay. "
                + refusedByTheComponent + "Option delay=-5000ms is negative");
        assertStartFails(withRoute.withPropertyValues("camel.component.rocketmq.delay-level=3"),
                "camel.component.rocketmq.delay=5s", "Refused: camel.component.rocketmq.delay, "
                + "camel.component.rocketmq.delay-level. " + refusedByTheComponent + "Options delay and delayLevel");
    }

    @Test
    void aBadBrokerValueFailsNamingTheProperty() {
        assertStartFails(runner, "rocketcamel.embedded-broker.namesrv-port=70000", "rocketcamel.embedded-broker.namesrv-port");
        assertStartFails(runner, "rocketcamel.embedded-broker.delay-levels=1s soon", "rocketcamel.embedded-broker.delay-levels");
        assertStartFails(runner, "rocketcamel.embedded-broker.topics.orders=0", "rocketcamel.embedded-broker.topics[orders]");
        assertStartFails(runner, "rocketcamel.embedded-broker.transaction-timeout=-1s",
                "rocketcamel.embedded-broker.transaction-timeout");
        assertStartFails(runner, "rocketcamel.embedded-broker.broker-properties.noSuchSetting=1",
                "rocketcamel.embedded-broker.broker-properties[noSuchSetting]");
        assertStartFails(runner, "rocketcamel.embedded-broker.brokers=0", "rocketcamel.embedded-broker.brokers");
        assertStartFails(runner, "rocketcamel.embedded-broker.access-key=app", "rocketcamel.embedded-broker.secret-key");
    }

    /** The property must be named somewhere in the failure, as Spring Boot's failure analysis prints it. */
    private static void assertStartFails(ApplicationContextRunner runner, String property, String named) {
        runner.withPropertyValues(property).run(context -> {
            assertThat(context).hasFailed();
            StringBuilder messages = new StringBuilder();
            for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                messages.append(t).append('\n');
            }
            assertThat(messages.toString()).as(property).contains(named);
        });
    }

    private static RocketMQComponent component(AssertableApplicationContext context) {
        return context.getBean(CamelContext.class).getComponent("rocketmq", RocketMQComponent.class);
    }

    /** A property value other than the default, and the value the component then holds; null for bean references. */
    private static Object[] sample(Map<String, Object> catalog) {
        String defaultValue = StarterMetadata.text(catalog, "defaultValue");
        return switch (StarterMetadata.text(catalog, "type")) {
            case "string" -> new Object[] {"sample", "sample"};
            case "integer" -> StarterMetadata.text(catalog, "javaType").equals("long") ? new Object[] {"7", 7L}
                    : new Object[] {"7", 7};
            case "boolean" -> {
                boolean flipped = !Boolean.parseBoolean(defaultValue);
                yield new Object[] {Boolean.toString(flipped), flipped};
            }
            case "duration" -> new Object[] {"7s", 7000L};
            case "enum" -> {
                List<String> values = new ArrayList<>();
                ((java.util.List<?>) catalog.get("enum")).forEach(value -> values.add(String.valueOf(value)));
                values.remove(defaultValue);
                yield new Object[] {values.get(0), values.get(0)};
            }
            default -> null;
        };
    }
}
