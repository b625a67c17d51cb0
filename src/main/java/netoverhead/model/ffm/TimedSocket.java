package netoverhead.model.ffm;

import java.lang.foreign.MemorySegment;

import netoverhead.job.JobRecord;

/**
 * The socket creation time of docs/measuring.md for the FFM models: the duration of socket(2) through libc,
 * stamped into the job's record with when it started.
 */
final class TimedSocket {
    private TimedSocket() {}

    /** A new TCP socket for the job, or -1 when none could be made (the job is then failed and ended). */
    static int open(JobRecord record, long origin, MemorySegment callState, int family) {
        long start = System.nanoTime();
        int fd = Libc.socket(callState, family, Libc.SOCK_STREAM, 0);
        long created = System.nanoTime();
        if (fd < 0) {
            record.fail(Errno.failure("socket", Libc.errno(callState)));
            record.endAt = created - origin;
            return -1;
        }
        record.socketStartAt = start - origin;
        record.socketCreateNs = created - start;
        return fd;
    }
}
