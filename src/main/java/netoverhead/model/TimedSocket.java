package netoverhead.model;

import java.io.IOException;
import java.nio.channels.SocketChannel;

import netoverhead.job.JobRecord;

/**
 * The socket creation time of docs/measuring.md, in one place for the JDK models: the duration of
 * {@code SocketChannel.open()}, stamped into the job's record with when it started.
 */
final class TimedSocket {
    private TimedSocket() {}

    /** A new socket for the job, or null when none could be created (the job is then failed and ended). */
    static SocketChannel open(JobRecord record, long origin) {
        long start = System.nanoTime();
        SocketChannel channel;
        try {
            channel = SocketChannel.open();
        } catch (IOException e) {
            record.fail(e);
            record.endAt = System.nanoTime() - origin;
            return null;
        }
        long created = System.nanoTime();
        record.socketStartAt = start - origin;
        record.socketCreateNs = created - start;
        return channel;
    }

    /** The {@link System#nanoTime()} at which the job's socket was created: where job setup starts. */
    static long createdAt(JobRecord record, long origin) {
        return origin + record.socketStartAt + record.socketCreateNs;
    }

    /** Closes a job's socket; a failure to close changes nothing that was measured on it. */
    static void close(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the job's figures are already stamped
        }
    }
}
