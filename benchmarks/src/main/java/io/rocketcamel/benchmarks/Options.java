package io.rocketcamel.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line. Every mistake names the option, so a typo in a long run fails at once instead of after minutes.
 *
 * @param only           workload ids and parts to run (all when empty)
 * @param roundSeconds   length of one peer's measured round
 * @param scenarioSeconds how long each of the examples app's scenarios is driven
 * @param roundsAsked    rounds per peer in every workload, drains included (0: 4, drains 5)
 * @param peers          the peers measured (all of each workload's when empty)
 */
record Options(Path out, boolean smoke, Set<String> only, double roundSeconds, int scenarioSeconds, int roundsAsked,
               Set<String> peers) {

    /** The parts of a run besides the workloads. */
    static final List<String> PARTS = List.of("jmh", "footprint", "examples", "disk");

    static final String USAGE = """
            Usage: java -Xmx512m -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar [options]
                   java -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar chart DIR   (redraws DIR's charts from its JSON)
              --out DIR              where benchmarks.md, .json and .png go (default: docs)
              --smoke                rounds of a few hundred milliseconds, no child JVMs: checks that everything runs (rows that are variants of another are left out)
              --only ID,...          run only these workloads and parts (workloads: %s; parts: %s)
              --round-seconds N      length of each measured round (default 3; smoke 0.1)
              --scenario-seconds N   how long each examples scenario is driven (default 60)
              --rounds N             rounds per peer, drains included (default 4, drains 5): more rounds narrow the interval a ratio is reported with
              --peers ID,...         measure only these peers (%s)
              --help                 this text""";

    static Options parse(String... args) {
        Path out = Path.of("docs");
        boolean smoke = false;
        Double roundSeconds = null;
        int scenarioSeconds = 60;
        int rounds = 0;
        Set<String> only = new LinkedHashSet<>();
        Set<String> peers = new LinkedHashSet<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--smoke" -> smoke = true;
                case "--out" -> out = Path.of(value(args, ++i, option));
                case "--only" -> only.addAll(ids(value(args, ++i, option)));
                case "--round-seconds" -> roundSeconds = positive(option, value(args, ++i, option));
                case "--scenario-seconds" -> scenarioSeconds = (int) Math.ceil(positive(option, value(args, ++i, option)));
                case "--rounds" -> rounds = atLeastTwo(option, value(args, ++i, option));
                case "--peers" -> peers.addAll(known(option, value(args, ++i, option), peerIds()));
                default -> throw new IllegalArgumentException("Unknown option '" + option + "'");
            }
        }
        return new Options(out, smoke, only, roundSeconds != null ? roundSeconds : smoke ? 0.1 : 3, scenarioSeconds, rounds,
                peers);
    }

    static String usage() {
        return USAGE.formatted(String.join(", ", workloadIds()), String.join(", ", PARTS), String.join(", ", peerIds()));
    }

    boolean runs(String id) {
        return only.isEmpty() || only.contains(id);
    }

    long roundNanos() {
        return (long) (roundSeconds * 1e9);
    }

    /** Two thirds of a round: with the other peers' warm-ups, enough for the JIT and the connections. */
    long warmupNanos() {
        return roundNanos() / 3 * 2;
    }

    /** SEND and E2E workloads: how many rounds each peer takes, in rotated order; a smoke run checks only that they rotate. */
    int rounds() {
        return smoke ? 2 : roundsAsked > 0 ? roundsAsked : 4;
    }

    /** DRAIN workloads: how often each peer drains the backlog; once in a smoke run. */
    int drainRounds() {
        return smoke ? 1 : roundsAsked > 0 ? roundsAsked : 5;
    }

    /** The workload with only the peers asked for. */
    Workload narrow(Workload workload) {
        return peers.isEmpty() ? workload : workload.withPeers(workload.peers().stream().filter(peers::contains).toList());
    }

    /** DRAIN workloads: the backlog of the workload, or a few thousand messages in a smoke run. */
    long backlog(Workload workload) {
        return smoke ? 3_000 : workload.backlog();
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException("Option " + option + " needs a value");
        }
        return args[index];
    }

    private static double positive(String option, String value) {
        try {
            double number = Double.parseDouble(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below with the option's name
        }
        throw new IllegalArgumentException("Option " + option + " needs a positive number, got '" + value + "'");
    }

    private static int atLeastTwo(String option, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number >= 2) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below with the option's name
        }
        throw new IllegalArgumentException("Option " + option + " needs a whole number of at least 2 (the rounds a ratio's spread "
                + "is read from), got '" + value + "'");
    }

    private static List<String> ids(String value) {
        List<String> known = new ArrayList<>(workloadIds());
        known.addAll(PARTS);
        return known("--only", value, known);
    }

    private static List<String> known(String option, String value, List<String> known) {
        List<String> ids = Arrays.stream(value.split(",")).map(String::trim).filter(id -> !id.isEmpty()).toList();
        for (String id : ids) {
            if (!known.contains(id)) {
                throw new IllegalArgumentException("Option " + option + ": unknown '" + id + "'; known: " + known);
            }
        }
        return ids;
    }

    private static List<String> workloadIds() {
        return Workload.all().stream().map(Workload::id).toList();
    }

    private static List<String> peerIds() {
        return Workload.all().stream().flatMap(w -> w.peers().stream()).distinct().toList();
    }
}
