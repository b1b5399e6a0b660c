package io.rocketcamel.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A workspace goes with its scenario, unless a row missed its goal (then it stays, named in that row) or the scenario
 * ended in an error.
 */
class WorkspaceTest {

    @Test
    void aWorkspaceWhoseRowsMetTheirGoalIsDeleted() throws Exception {
        Result met = new Result("9", "met");
        met.lost = 0;
        Path root = judgedWorkspace(List.of(met));
        assertThat(root).doesNotExist();
        assertThat(met.notes).isEmpty();
    }

    @Test
    void aWorkspaceWithARowThatMissedItsGoalIsKeptAndNamedInThatRow() throws Exception {
        Result met = new Result("9", "met");
        met.lost = 0;
        Result missed = new Result("9", "missed");
        missed.lost = 1;
        Path root = judgedWorkspace(List.of(met, missed));
        try {
            assertThat(root.resolve("records")).hasContent("A a-0");
            assertThat(missed.notes).containsExactly("its workspace is kept: " + root);
            assertThat(met.notes).isEmpty();
        } finally {
            delete(root);
        }
    }

    @Test
    void aWorkspaceWhoseScenarioEndedBeforeItsRowsWereJudgedIsKept() throws Exception {
        Path root = null;
        try {
            try (Workspace workspace = Workspace.create("error", false)) {
                root = workspace.root();
                Files.writeString(workspace.path("records"), "A a-0\n");
                throw new IllegalStateException("a wait ran out");
            }
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessage("a wait ran out");
        }
        try {
            assertThat(root.resolve("records")).hasContent("A a-0");
        } finally {
            delete(root);
        }
    }

    /** A scenario's workspace with a record in it, its rows judged at the end: where it was. */
    private static Path judgedWorkspace(List<Result> rows) throws Exception {
        try (Workspace workspace = Workspace.create("judged", false)) {
            Files.writeString(workspace.path("records"), "A a-0\n");
            workspace.keepIfMissed(rows);
            return workspace.root();
        }
    }

    private static void delete(Path root) throws Exception {
        try (Stream<Path> kept = Files.walk(root)) {
            kept.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
