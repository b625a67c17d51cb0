package netoverhead.cli;

/** The exit statuses (docs/measuring.md): 0 every job succeeded, 1 some failed (results still written), 2 bad usage. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private ExitCodes() {}
}
