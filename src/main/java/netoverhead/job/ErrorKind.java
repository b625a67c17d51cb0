package netoverhead.job;

import java.util.Locale;

/** Why a job failed, by kind, so that errors can be counted the way wrk and iperf3 count them. */
public enum ErrorKind {
    /** The connection could not be made: refused, unreachable, or no route. */
    CONNECT,
    /** Connecting took longer than --connect-timeout, or the server went silent for --read-timeout. */
    TIMEOUT,
    /** The server answered with a status other than 200. */
    STATUS,
    /** The connection ended before the whole body arrived. */
    TRUNCATED,
    /** The response broke HTTP: a bad status line, bad headers, bad chunk sizes, a body longer than announced. */
    PROTOCOL,
    /** The body arrived whole but its content differs from the payload (only with --verify). */
    CORRUPT,
    /**
     * The body arrived whole, as its framing said, but its length differs from the payload's that the probe
     * before the run learned: a server whose answer changed, or one that sends different bodies.
     */
    LENGTH,
    /** Any other I/O failure: a reset, a failed socket call, no threads left. */
    IO,
    /**
     * The server closed a connection that the workload keeps alive (rr): it answered with
     * {@code Connection: close}, or ended the connection between responses or with requests in flight.
     */
    CLOSED,
    /**
     * No local port was left for a new connection (EADDRNOTAVAIL): the ephemeral port range is used up, by
     * connections open or in TIME_WAIT.
     */
    PORTS;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ErrorKind ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
