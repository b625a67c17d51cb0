package netoverhead.job;

/**
 * A job's failure with its kind; thrown inside a model and recorded in the job's record. The failures that
 * every model meets in its own way (timeouts, resets) are made here, so that each reads the same whichever
 * model met it (the native clients in src/main/resources/native print the same words).
 */
public final class JobFailure extends Exception {
    private static final String RESET = "Connection reset";

    private final ErrorKind kind;

    public JobFailure(ErrorKind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The connect neither succeeded nor failed within --connect-timeout. */
    public static JobFailure connectTimeout(long timeoutMs) {
        return new JobFailure(ErrorKind.TIMEOUT, "connect timed out after " + timeoutMs + " ms");
    }

    /** The server sent nothing for --read-timeout. */
    public static JobFailure readTimeout(long timeoutMs, long bodyBytes) {
        return new JobFailure(ErrorKind.TIMEOUT, "no data for " + timeoutMs + " ms after " + bodyBytes + " body bytes");
    }

    /**
     * The peer reset the connection; {@code where} (from the parser's {@code whereNow()}, or null before the
     * request went out) says where the response stood: "Connection reset after 1234 of 5000 body bytes".
     */
    public static JobFailure reset(String where) {
        return new JobFailure(ErrorKind.IO, where == null ? RESET : RESET + " " + where);
    }

    /** What EADDRNOTAVAIL says, in the JDK's, Netty's and libc's words alike. */
    public static final String NO_PORTS_TEXT = "Cannot assign requested address";

    /**
     * No local port left for a connect (EADDRNOTAVAIL), with its remedy in the same line.
     *
     * @param what the failed call's own words
     */
    public static JobFailure noPorts(String what) {
        return new JobFailure(ErrorKind.PORTS, what + ": no local port left; widen net.ipv4.ip_local_port_range"
                + " (sysctl -w net.ipv4.ip_local_port_range=\"1024 65535\") or use fewer connections");
    }

    public static boolean isNoPorts(Throwable t) {
        return t instanceof java.io.IOException && String.valueOf(t.getMessage()).contains(NO_PORTS_TEXT);
    }

    /**
     * Whether {@code t} is a reset by the peer, however the transport words it: the JDK's "Connection reset",
     * Netty's native "recvAddress(..) failed with error(-104): Connection reset by peer".
     */
    public static boolean isReset(Throwable t) {
        if (t instanceof JobFailure) return false; // already a failure of its own kind and wording
        String m = t.getMessage();
        return m != null && m.contains(RESET);
    }
}
