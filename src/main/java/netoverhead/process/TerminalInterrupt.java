package netoverhead.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Ctrl-C in a terminal sends SIGINT to the whole foreground process group: the tool and every process it
 * started. Those processes ignore it, so that the tool alone decides when they stop (it ends them from its
 * shutdown hook) and an iteration cut short by the stop is never recorded as a failed measurement.
 */
public final class TerminalInterrupt {
    /** The system property with which the tool starts a server it owns. */
    public static final String OWNED_PROPERTY = "netoverhead.owned";

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private TerminalInterrupt() {}

    /**
     * The command run in a session of its own (setsid(1), which execs it under the same pid), so that the
     * terminal's SIGINT never reaches it, not even while it starts, before it could ignore the signal.
     * Where setsid is missing, the command as it is; {@link #ignore()} in the child then covers the rest.
     */
    public static List<String> shielded(List<String> command) {
        if (!Files.isExecutable(SETSID)) return command;
        List<String> shielded = new ArrayList<>(command.size() + 1);
        shielded.add(SETSID.toString());
        shielded.addAll(command);
        return shielded;
    }

    @SuppressWarnings("removal")
    public static void ignore() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
        } catch (IllegalArgumentException e) {
            // no SIGINT on this platform: nothing to ignore
        }
    }
}
