package io.rocketcamel.starter.console;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which requests the console answers. It has no login of its own and often listens on loopback, where any page in the
 * operator's browser can reach it: a page of another site can post a re-send (a form or a script posts without asking
 * first), and a site whose name it rebinds to 127.0.0.1 (DNS rebinding) makes the browser take the console for that
 * site's own, free to read it too. The browser names the site in {@code Host} (rebinding) and in {@code Origin} (a
 * post), so the console answers only the names it is known by, and takes a write only from its own page.
 */
final class RequestOrigin {

    /** A rebinding needs a name to rebind: an address literal, IPv4 or IPv6 in brackets, is never one. */
    private static final Pattern ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|\\[[0-9A-Fa-f:.]+(%[^\\]]+)?]");

    private final List<String> allowedHosts;

    RequestOrigin(List<String> allowedHosts) {
        this.allowedHosts = allowedHosts.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * @param host   the request's {@code Host} header, {@code null} when it had none (not a browser's request)
     * @param origin its {@code Origin} header, {@code null} when it had none
     * @param write  whether the request changes something
     * @return why the request is refused, or {@code null} to answer it
     */
    String refusal(String host, String origin, boolean write) {
        if (host != null && !known(hostName(host))) {
            return "The console is not known by the name " + hostName(host) + " (Host: " + host + "): a page of a site"
                   + " whose name was rebound to this server's address would send it. Add the name to "
                   + ConsoleProperties.PREFIX + ".allowed-hosts to open the console by it (localhost and IP addresses"
                   + " are always answered)";
        }
        if (write && origin != null && !sameServer(origin, host)) {
            return "A re-send posted by a page of " + origin + " is refused: the console takes writes only from its own"
                   + " page, served as " + host;
        }
        return null;
    }

    private boolean known(String name) {
        return name.equals("localhost") || name.endsWith(".localhost") || ADDRESS.matcher(name).matches()
               || allowedHosts.stream().anyMatch(allowed -> allows(allowed, name));
    }

    private static boolean allows(String allowed, String name) {
        return allowed.equals("*") || allowed.equals(name)
               || allowed.startsWith(".") && (name.endsWith(allowed) || name.equals(allowed.substring(1)));
    }

    /** The host name of a {@code Host} header: without its port, brackets kept around an IPv6 address. */
    private static String hostName(String host) {
        String name = host.trim().toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        return colon > name.lastIndexOf(']') ? name.substring(0, colon) : name;
    }

    private static boolean sameServer(String origin, String host) {
        try {
            URI page = URI.create(origin.trim());
            String authority = page.getRawAuthority();
            return host != null && authority != null && authority.equalsIgnoreCase(host.trim());
        } catch (IllegalArgumentException notAUri) {
            // "null" (a sandboxed frame, a file) or a malformed origin: not the console's page
            return false;
        }
    }
}
