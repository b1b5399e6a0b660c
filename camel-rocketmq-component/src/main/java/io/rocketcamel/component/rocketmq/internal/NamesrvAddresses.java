package io.rocketcamel.component.rocketmq.internal;

/** The name server addresses as the client reads them, checked before a client is made of them. */
public final class NamesrvAddresses {

    private static final int MAX_PORT = 65_535;

    private NamesrvAddresses() {
    }

    /**
     * The client splits the list at ';' only and takes each host up to its last ':': "h1:9876,h2:9876" became one
     * host "h1:9876,h2" (every send failing with "No route info"), and a host without a port failed inside the
     * client's threads.
     */
    public static void check(String addresses) {
        if (addresses == null) {
            return;
        }
        if (addresses.startsWith("http://") || addresses.startsWith("https://")) {
            checkEndpoint(addresses);
            return;
        }
        checkList(addresses, addresses);
    }

    /**
     * The client reads {@code http://host:port} as host:port (a cloud instance's endpoint form) and fetches no list: of
     * a URL with a path it kept what follows the last '/', and {@code https://} it used as it is.
     */
    private static void checkEndpoint(String addresses) {
        String rest = addresses.substring(addresses.indexOf("://") + 3);
        if (addresses.startsWith("https://") || rest.contains("/")) {
            throw new IllegalArgumentException("Option namesrvAddr=" + addresses + ": the RocketMQ client takes an"
                                               + " http address only as http://host:port, a name server's or a cloud"
                                               + " instance's endpoint, and would fetch no list from a URL; give"
                                               + " host:port (several separated by ';')");
        }
        checkList(addresses, rest);
    }

    private static void checkList(String addresses, String list) {
        if (list.contains(",")) {
            throw new IllegalArgumentException("Option namesrvAddr=" + addresses + ": separate name servers with ';'"
                                               + " (host:port;host:port)");
        }
        for (String address : list.split(";")) {
            String trimmed = address.trim();
            int colon = trimmed.lastIndexOf(':');
            if (colon <= 0 || !validPort(trimmed.substring(colon + 1))) {
                throw new IllegalArgumentException("Option namesrvAddr=" + addresses + ": '" + trimmed + "' is not"
                                                   + " host:port (a port from 1 to " + MAX_PORT + "); separate name"
                                                   + " servers with ';'");
            }
        }
    }

    private static boolean validPort(String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int value = Integer.parseInt(port);
        return value >= 1 && value <= MAX_PORT;
    }
}
