package io.rocketcamel.starter;

import java.util.Locale;

/** A Java property's name as Spring Boot's properties spell it: {@code namesrvPort} is {@code namesrv-port}. */
final class KebabCase {

    private KebabCase() {
    }

    static String of(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
