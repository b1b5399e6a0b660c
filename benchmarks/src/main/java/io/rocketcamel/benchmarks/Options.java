package io.rocketcamel.benchmarks;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line. Every mistake names the option, so a typo in a long run fails at once instead of after minutes.
 *
 * @param only scenario ids to run (all when empty), for working on one scenario
 */
record Options(Path out, boolean smoke, Long backlog, double rate, Set<String> only) {

    static final String USAGE = """
            Usage: java -Xmx512m -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar [options]
              --out DIR        where benchmarks.md and benchmarks.png go (default: docs)
              --smoke          a few hundred messages per scenario, no examples app: checks that everything runs
              --backlog N      messages in the drained backlog (default: 1000000, smoke: 5000)
              --rate N         messages per second of the end-to-end latency phases (default: 1000)
              --only ID,...    run only these scenarios and phases (ids: %s)
              --help           this text""";

    static Options parse(String... args) {
        Path out = Path.of("docs");
        boolean smoke = false;
        Long backlog = null;
        double rate = 1000;
        Set<String> only = new LinkedHashSet<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--smoke" -> smoke = true;
                case "--out" -> out = Path.of(value(args, ++i, option));
                case "--backlog" -> backlog = positive(option, value(args, ++i, option));
                case "--rate" -> rate = positive(option, value(args, ++i, option));
                case "--only" -> only.addAll(scenarioIds(value(args, ++i, option)));
                default -> throw new IllegalArgumentException("Unknown option '" + option + "'");
            }
        }
        return new Options(out, smoke, backlog, rate, only);
    }

    static String usage() {
        return USAGE.formatted(String.join(", ", knownIds()));
    }

    Sizes sizes() {
        Sizes sizes = smoke ? Sizes.SMOKE : Sizes.FULL;
        return backlog == null ? sizes : sizes.withBacklog(backlog);
    }

    boolean runs(String id) {
        return only.isEmpty() || only.contains(id);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException("Option " + option + " needs a value");
        }
        return args[index];
    }

    private static long positive(String option, String value) {
        try {
            long number = Long.parseLong(value.replace("_", ""));
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below with the option's name
        }
        throw new IllegalArgumentException("Option " + option + " needs a positive whole number, got '" + value + "'");
    }

    private static List<String> scenarioIds(String value) {
        List<String> ids = Arrays.stream(value.split(",")).map(String::trim).filter(id -> !id.isEmpty()).toList();
        for (String id : ids) {
            if (!knownIds().contains(id)) {
                throw new IllegalArgumentException("Option --only: unknown scenario '" + id + "'; known: " + knownIds());
            }
        }
        return ids;
    }

    private static List<String> knownIds() {
        List<String> ids = new java.util.ArrayList<>(Sizes.FULL.scenarios().stream().map(Scenario::id).toList());
        ids.addAll(List.of("drain", "disk", "examples"));
        return ids;
    }
}
