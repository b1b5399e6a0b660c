package io.rocketcamel.examples.load;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a scenario's unit (an order, a row change, a task) cost the machine in CPU, over the load and the drain, and
 * so how many cores its target rate needs: the bound a run on too few cores hits, measured rather than guessed.
 *
 * @param busyCores      the machine's cores busy on average from the load's start to the drain's end; -1 unknown
 * @param seconds        from the load's start to the drain's end
 * @param finished       units finished in that time
 * @param targetPerMinute the scenario's target rate
 * @param cores          the machine's cores
 */
record UnitCost(double busyCores, double seconds, long finished, double targetPerMinute, int cores) {

    boolean known() {
        return busyCores >= 0 && finished > 0;
    }

    double cpuMillisPerUnit() {
        return known() ? busyCores * seconds * 1000 / finished : -1;
    }

    /** Cores the target rate keeps busy at this cost per unit. */
    double coresForTarget() {
        return known() ? cpuMillisPerUnit() / 1000 * targetPerMinute / 60 : -1;
    }

    void putInto(ObjectNode result) {
        result.put("machineBusyCores", busyCores).put("cpuMillisPerUnit", cpuMillisPerUnit())
                .put("coresForTarget", coresForTarget());
    }

    /** Appended to the bottleneck: empty where /proc is missing. */
    String boundText() {
        if (!known()) {
            return "";
        }
        return String.format("; the machine spent %.2f ms of CPU per finished unit (%.2f of %d cores busy over load and"
                             + " drain): %,.0f a minute needs %.1f cores", cpuMillisPerUnit(), busyCores, cores,
                targetPerMinute, coresForTarget());
    }
}
