package netoverhead.job;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.AsynchronousCloseException;

/**
 * What one job stamps while it runs: times in nanoseconds relative to the start of the measured window,
 * durations in nanoseconds, -1 where a step never happened. Written by the thread that owns the step and
 * read by the reporter only after every job has ended, so plain fields suffice.
 */
public final class JobRecord {
    public static final long NONE = -1;

    public final int id;
    public long socketStartAt = NONE;
    public long socketCreateNs = NONE;
    public long setupNs = NONE;
    public long connectedAt = NONE;
    public long requestSentAt = NONE;
    public long endAt = NONE;
    public long bodyBytes;
    public long contentLength = NONE;
    public int status = (int) NONE;
    public ErrorKind error;
    public String message;
    /** Operations (rr: responses read) that completed in the warm-up, in the measured window, and after it. */
    public long opsWarmup;
    public long opsWindow;
    public long opsAfter;

    public JobRecord(int id) {
        this.id = id;
    }

    public boolean failed() {
        return error != null;
    }

    public long downloadNs() {
        return endAt >= 0 && requestSentAt >= 0 && error == null ? endAt - requestSentAt : NONE;
    }

    /** Records the first failure only: a later one (closing a broken socket, say) is its consequence. */
    public void fail(ErrorKind kind, String why) {
        if (error == null) {
            error = kind;
            message = why;
        }
    }

    public void fail(Throwable t) {
        fail(t, null);
    }

    /**
     * Records a failure saying where the response stood ({@code where}, the parser's {@code whereNow()}),
     * so that a reset mid-body names the bytes received and expected. Before the request went out there is
     * no response to speak of, and {@code where} is left out. A reset reads the same in every model.
     */
    public void fail(Throwable t, String where) {
        String at = requestSentAt >= 0 ? where : null;
        if (t instanceof JobFailure f) fail(f.kind(), f.getMessage());
        else if (classify(t) == ErrorKind.PORTS) fail(JobFailure.noPorts(describe(t)));
        else if (JobFailure.isReset(t)) fail(JobFailure.reset(at));
        else fail(classify(t), at == null ? describe(t) : describe(t) + " " + at);
    }

    public static ErrorKind classify(Throwable t) {
        if (t instanceof JobFailure f) return f.kind();
        if (t instanceof SocketTimeoutException) return ErrorKind.TIMEOUT;
        if (JobFailure.isNoPorts(t)) return ErrorKind.PORTS;
        if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException) {
            return ErrorKind.CONNECT;
        }
        if (t instanceof AsynchronousCloseException) return ErrorKind.IO;
        if (t instanceof IOException) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("refused") || m.contains("unreachable") || m.contains("No route")) return ErrorKind.CONNECT;
        }
        return ErrorKind.IO;
    }

    public static String describe(Throwable t) {
        String m = t.getMessage();
        String name = t.getClass().getSimpleName();
        return m == null || m.isBlank() ? name : m;
    }
}
