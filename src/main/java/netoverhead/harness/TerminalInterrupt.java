package netoverhead.harness;

/**
 * Ctrl-C in a terminal sends SIGINT to the whole foreground process group: the tool and every process it
 * started. Those processes ignore it, so that the tool alone decides when they stop (it ends them from its
 * shutdown hook) and an iteration cut short by the stop is never recorded as a failed measurement.
 */
public final class TerminalInterrupt {
    /** The system property with which the tool starts a server it owns. */
    public static final String OWNED_PROPERTY = "netoverhead.owned";

    private TerminalInterrupt() {}

    @SuppressWarnings("removal")
    public static void ignore() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
        } catch (IllegalArgumentException e) {
            // no SIGINT on this platform: nothing to ignore
        }
    }
}
