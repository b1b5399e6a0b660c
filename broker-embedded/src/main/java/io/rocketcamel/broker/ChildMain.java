package io.rocketcamel.broker;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * The entry of every child JVM {@link ChildJvm#start} starts: ends the child when the JVM that started it ends, then
 * runs the child's own main class (the first argument) with the rest. A test run or fault scenario that ended before
 * it closed its children (killed, a build's timeout, SIGTERM) left them running, re-parented, holding ports and
 * stores.
 */
public final class ChildMain {

    /** The exit status of a child whose parent ended. */
    static final int PARENT_ENDED = 3;

    private ChildMain() {
    }

    public static void main(String[] args) throws Throwable {
        ProcessHandle.current().parent()
                .ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(PARENT_ENDED)));
        try {
            Class.forName(args[0]).getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
