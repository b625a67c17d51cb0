package netoverhead.cli;

/** A command line that parses but makes no sense (zero connections, an unknown model): exit 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message, null, false, false);
    }
}
