package io.rocketcamel.broker;

import java.util.List;

/**
 * Settings for a node that is not started here were accepted and then ignored (a name server port next to another
 * process's name server, a broker port for a name server only). The builder and the runner's options check this one
 * rule, each naming the settings as its user wrote them: each parameter is such a spelling, null (or empty) when the
 * setting was not given.
 *
 * @param nameServerOnly  start a name server and no broker
 * @param externalNamesrv register with another process's name server, starting none
 * @param namesrvPort     the port of the name server started here
 * @param brokerSettings  every setting given that only a broker uses, in the order given
 */
record SettingsScope(String nameServerOnly, String externalNamesrv, String namesrvPort, List<String> brokerSettings) {

    /**
     * @param brokerPort how the user's side names the broker's port, which a misplaced name server port may have meant
     * @param starter    what starts the nodes, as the user knows it: {@code "process"}, {@code "instance"}
     * @throws IllegalArgumentException naming both settings of the first contradiction
     */
    void check(String brokerPort, String starter) {
        if (nameServerOnly != null && externalNamesrv != null) {
            throw new IllegalArgumentException(nameServerOnly + " starts a name server, " + externalNamesrv
                    + " uses another one: give one of them");
        }
        if (nameServerOnly != null && !brokerSettings.isEmpty()) {
            throw new IllegalArgumentException(brokerSettings.get(0) + " applies to a broker, and " + nameServerOnly
                    + " starts none");
        }
        if (externalNamesrv != null && namesrvPort != null) {
            throw new IllegalArgumentException(namesrvPort + " is the port of a name server this " + starter
                    + " starts; with " + externalNamesrv + " it starts none (use " + brokerPort + " for the broker)");
        }
    }
}
