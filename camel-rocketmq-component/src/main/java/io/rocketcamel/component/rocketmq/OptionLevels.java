package io.rocketcamel.component.rocketmq;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where an endpoint's option value was set: on its URI, or on the component, whose configuration every endpoint
 * starts from as its defaults. An endpoint's configuration alone cannot tell: it is a copy of the component's with
 * the URI's options applied on top, so an alias and the option it stands for are only compared on the same level.
 */
final class OptionLevels {

    private final RocketMQConfiguration component;
    private final RocketMQConfiguration endpoint;
    private final Set<String> onUri;

    /**
     * @param uriOptions the option names as the endpoint's URI spelled them
     */
    OptionLevels(RocketMQConfiguration component, RocketMQConfiguration endpoint, Collection<String> uriOptions) {
        this.component = component;
        this.endpoint = endpoint;
        this.onUri = uriOptions.stream().map(OptionLevels::bound).collect(Collectors.toUnmodifiableSet());
    }

    /** Camel binds URI options ignoring case and dashes ({@code request-timeout} sets requestTimeout). */
    static String bound(String name) {
        return name.replace("-", "").toLowerCase(Locale.ROOT);
    }

    /** Whether the URI set any of the options. */
    boolean onUri(String... options) {
        for (String option : options) {
            if (onUri.contains(bound(option))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the endpoint set the option: on its URI (under any of its names), or to other than the component's. */
    boolean onEndpoint(Function<RocketMQConfiguration, ?> value, String... options) {
        return onUri(options) || !Objects.equals(value.apply(endpoint), value.apply(component));
    }

    /** The endpoint's value when the URI set any of the options, else null. */
    <T> T uri(Function<RocketMQConfiguration, T> value, String... options) {
        return onUri(options) ? value.apply(endpoint) : null;
    }

    /** The component's value: the default of every endpoint that does not set it. */
    <T> T component(Function<RocketMQConfiguration, T> value) {
        return value.apply(component);
    }

    /** The endpoint's configuration: the component's with the URI's options applied. */
    RocketMQConfiguration endpoint() {
        return endpoint;
    }
}
