package netoverhead.model.ffm;

import netoverhead.job.ErrorKind;
import netoverhead.job.JobFailure;

/** Turns a failed libc call's errno into a job failure of the right kind, with the call and its reason. */
final class Errno {
    private Errno() {}

    static ErrorKind kind(int errno) {
        return switch (errno) {
            case Libc.ECONNREFUSED, Libc.ENETUNREACH, Libc.EHOSTUNREACH -> ErrorKind.CONNECT;
            case Libc.ETIMEDOUT -> ErrorKind.TIMEOUT;
            case Libc.EADDRNOTAVAIL -> ErrorKind.PORTS;
            default -> ErrorKind.IO;
        };
    }

    static JobFailure failure(String call, int errno) {
        return failure(call, errno, null);
    }

    /**
     * A failure once the response has begun: {@code where} (the parser's {@code whereNow()}) says where it
     * stood; a reset and a lack of local ports are worded as in every other model.
     */
    static JobFailure failure(String call, int errno, String where) {
        if (errno == Libc.ECONNRESET) return JobFailure.reset(where);
        String message = call + ": " + Libc.strerror(errno) + " (errno " + errno + ")";
        // no local port left (churn's connects outrun TIME_WAIT): worded with its remedy, as in every model
        if (errno == Libc.EADDRNOTAVAIL) return JobFailure.noPorts(message);
        return new JobFailure(kind(errno), where == null ? message : message + " " + where);
    }
}
