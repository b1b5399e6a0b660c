package io.rocketcamel.starter.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The operations console: a page and its JSON under one path of the application's own web server.
 */
@ConfigurationProperties(prefix = ConsoleProperties.PREFIX)
public class ConsoleProperties implements Validator {

    public static final String PREFIX = "rocketcamel.console";

    /**
     * Serve the operations console (needs a web server: spring-boot-starter-web's or spring-boot-starter-webflux's). Everything it shows
     * is read-only; re-sending dead letters is its only write. Protect its path as you protect the actuator's.
     */
    private boolean enabled;
    /**
     * The path of the page; its JSON is under path/api. Not at or under the actuator's base path on the same port
     * (management.endpoints.web.base-path, /actuator by default), whose mapping would answer the console's requests.
     */
    private String path = "/rocketcamel";
    /**
     * How often the page refreshes what it shows.
     */
    private Duration refreshInterval = Duration.ofSeconds(2);
    /**
     * The most messages one look-up or one page of dead letters shows (and one re-send-all re-sends).
     */
    private int maxMessages = 64;
    /**
     * How many characters of a message body the console shows.
     */
    private int bodyPreview = 512;
    /**
     * Further host names the console answers to, as the browser's address bar names it: localhost and IP addresses
     * always are. A name with a leading dot (.example.com) allows it and its subdomains; * allows any name (give up
     * the check against DNS rebinding only behind your own authentication).
     */
    private List<String> allowedHosts = new ArrayList<>();

    @Override
    public boolean supports(Class<?> type) {
        return ConsoleProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        ConsoleProperties properties = (ConsoleProperties) target;
        String path = properties.getPath();
        if (path == null || !path.matches("(/[A-Za-z0-9._~-]+)+")) {
            errors.rejectValue("path", "invalid", PREFIX + ".path=" + path + ": a path such as /rocketcamel or"
                                                  + " /ops/rocketmq (letters, digits, . _ ~ -, no trailing slash)");
        }
        if (properties.getRefreshInterval() == null || properties.getRefreshInterval().toMillis() < 500) {
            errors.rejectValue("refreshInterval", "invalid", PREFIX + ".refresh-interval="
                                                              + properties.getRefreshInterval() + ": at least 500ms");
        }
        if (properties.getMaxMessages() < 1 || properties.getMaxMessages() > 1000) {
            errors.rejectValue("maxMessages", "invalid", PREFIX + ".max-messages=" + properties.getMaxMessages()
                                                          + ": 1 to 1000");
        }
        if (properties.getBodyPreview() < 0 || properties.getBodyPreview() > 65536) {
            errors.rejectValue("bodyPreview", "invalid", PREFIX + ".body-preview=" + properties.getBodyPreview()
                                                          + ": 0 to 65536 characters");
        }
        for (String host : properties.getAllowedHosts()) {
            if (host == null || !(host.equals("*") || host.matches("\\.?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*"))) {
                errors.rejectValue("allowedHosts", "invalid", PREFIX + ".allowed-hosts has " + host + ": a host name"
                                                               + " (ops.example.com), a domain with its subdomains"
                                                               + " (.example.com) or *, without scheme or port");
            }
        }
    }

    /**
     * Refuses a path at or under the actuator's base path on the same port: the actuator's mapping answered the page's
     * path with its own links, and the console was reachable only in part, without a word.
     *
     * @throws IllegalStateException naming both properties
     */
    void refuseActuatorOverlap(Environment environment) {
        if (!ClassUtils.isPresent("org.springframework.boot.actuate.endpoint.annotation.Endpoint", null)) {
            return;
        }
        String managementPort = environment.getProperty("management.server.port");
        if (managementPort != null && !managementPort.equals(environment.getProperty("server.port", "8080"))) {
            return;
        }
        String base = environment.getProperty("management.endpoints.web.base-path", "/actuator");
        if (base.length() > 1 && (path.equals(base) || path.startsWith(base + "/"))) {
            throw new IllegalStateException(PREFIX + ".path=" + path + " is at or under the actuator's endpoints"
                                            + " (management.endpoints.web.base-path=" + base + "), whose mapping would"
                                            + " answer the console's requests: give the console a path of its own");
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public Duration getRefreshInterval() {
        return refreshInterval;
    }

    public void setRefreshInterval(Duration refreshInterval) {
        this.refreshInterval = refreshInterval;
    }

    public int getMaxMessages() {
        return maxMessages;
    }

    public void setMaxMessages(int maxMessages) {
        this.maxMessages = maxMessages;
    }

    public int getBodyPreview() {
        return bodyPreview;
    }

    public void setBodyPreview(int bodyPreview) {
        this.bodyPreview = bodyPreview;
    }

    public List<String> getAllowedHosts() {
        return allowedHosts;
    }

    public void setAllowedHosts(List<String> allowedHosts) {
        this.allowedHosts = allowedHosts;
    }
}
