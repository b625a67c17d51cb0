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
            default -> ErrorKind.IO;
        };
    }

    static JobFailure failure(String call, int errno) {
        return new JobFailure(kind(errno), call + ": " + Libc.strerror(errno) + " (errno " + errno + ")");
    }
}
