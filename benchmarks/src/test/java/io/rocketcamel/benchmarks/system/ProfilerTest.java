package io.rocketcamel.benchmarks.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.rocketcamel.broker.ChildJvm;
import org.junit.jupiter.api.Test;

/**
 * A workload's profile must not cost its first rounds a JIT warm-up: Java Flight Recorder's first start in a JVM makes
 * most compiled code not entrant, so the run starts it once before warming up. Counted in a child JVM that prints its
 * compilations.
 */
class ProfilerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern COMPILATION = Pattern.compile("^\\s*\\d+\\s+(\\d+)\\s");

    @Test
    void theFirstRecordingInAJvmMakesMostCompiledCodeNotEntrant() throws Exception {
        assertThat(shareMadeNotEntrantWhileAProfilerStarts(false)).isGreaterThan(0.3);
    }

    @Test
    void afterJfrWasStartedOnceAProfilerStartsLeavingCompiledCodeAlone() throws Exception {
        assertThat(shareMadeNotEntrantWhileAProfilerStarts(true)).isLessThan(0.1);
    }

    /**
     * Of the methods compiled before the profiler starts, the share made not entrant while it starts, read from
     * {@code -XX:+PrintCompilation} lines: {@code <ms> <compile id> <flags> <tier> <method> ... [made not entrant]}.
     */
    private static double shareMadeNotEntrantWhileAProfilerStarts(boolean startJfrOnceBefore) throws Exception {
        try (ChildJvm child = ChildJvm.startInOwnDirectory(dir -> List.of(ChildJvm.java(), "-XX:+PrintCompilation", "-cp",
                ChildJvm.currentClasspath(), ProfiledChild.class.getName(), Boolean.toString(startJfrOnceBefore)),
                null, TIMEOUT)) {
            child.awaitLineWith(ProfiledChild.DONE, TIMEOUT);
            List<String> lines = Files.readAllLines(child.log());
            int starting = indexOf(lines, ProfiledChild.STARTING);
            Set<Long> compiledBefore = new HashSet<>();
            for (String line : lines.subList(0, starting)) {
                compileId(line).ifPresent(compiledBefore::add);
            }
            long madeNotEntrant = lines.subList(starting, indexOf(lines, ProfiledChild.DONE)).stream()
                    .filter(line -> line.contains("made not entrant"))
                    .filter(line -> compileId(line).filter(compiledBefore::contains).isPresent())
                    .count();
            return madeNotEntrant / (double) compiledBefore.size();
        }
    }

    private static Optional<Long> compileId(String line) {
        Matcher compilation = COMPILATION.matcher(line);
        return compilation.find() ? Optional.of(Long.parseLong(compilation.group(1))) : Optional.empty();
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i;
            }
        }
        throw new AssertionError("No line with " + marker + " in the child's output");
    }

    /** The child's main class: compiled code first, then a profiler's start between two marker lines. */
    public static final class ProfiledChild {

        static final String STARTING = "PROFILER-STARTING";
        static final String DONE = "PROFILER-STARTED";

        public static void main(String[] args) {
            long sum = 0;
            for (int i = 0; i < 2_000_000; i++) {
                sum += Integer.toString(i).hashCode();
            }
            if (Boolean.parseBoolean(args[0])) {
                Profiler.startJfrOnce();
            }
            System.out.println(STARTING + " " + sum);
            System.out.flush();
            new Profiler().stop();
            System.out.println(DONE);
            System.out.flush();
        }
    }
}
