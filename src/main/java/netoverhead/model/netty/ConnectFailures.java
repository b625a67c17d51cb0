package netoverhead.model.netty;

import netoverhead.job.JobFailure;
import netoverhead.job.JobRecord;

/**
 * What a failed connect reports. Netty annotates the transport's exception with the address or wraps it (a
 * ChannelException when the socket cannot be created, a native error inside another), while the job's record
 * tells a lack of local ports (EADDRNOTAVAIL, "Cannot assign requested address") by an IOException's own words:
 * that exception, wherever it sits in the chain of causes, is the one to record.
 */
final class ConnectFailures {
    /** Causes followed at most: a chain longer than this is a cycle. */
    private static final int MAX_DEPTH = 16;

    private ConnectFailures() {}

    /** The exception to hand to {@link JobRecord#fail(Throwable)} for a connect that failed with {@code cause}. */
    static Throwable reportable(Throwable cause) {
        Throwable t = cause;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (JobFailure.isNoPorts(t)) return t;
            // the words without an IOException around them (a RuntimeException of Netty's): the same failure
            String message = t.getMessage();
            if (message != null && message.contains(JobFailure.NO_PORTS_TEXT)) {
                return JobFailure.noPorts(JobRecord.describe(t));
            }
        }
        return cause;
    }
}
