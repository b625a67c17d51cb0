package netoverhead.model;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import netoverhead.http.ResponseParser;
import netoverhead.job.JobFailure;
import netoverhead.job.JobRecord;

/**
 * One job on a blocking SocketChannel, as a thread-per-connection client does it: connect, send the
 * request, read into a buffer it owns until the response is complete. Shared by the threaded and the
 * virtual-thread models, which differ only in the thread that runs it.
 */
public final class BlockingJob implements Runnable {
    private static final int READS_PER_CALL = 16;

    private final SocketChannel channel;
    private final JobRecord record;
    private final ClientPlan plan;
    private final InetSocketAddress address;
    /** Shared by every job, read-only: each writes from its own duplicate. */
    private final ByteBuffer request;
    private final long origin;
    private final IdleWatchdog watchdog;

    public BlockingJob(SocketChannel channel, JobRecord record, ClientPlan plan, InetSocketAddress address,
                       ByteBuffer request, long origin, IdleWatchdog watchdog) {
        this.channel = channel;
        this.record = record;
        this.plan = plan;
        this.address = address;
        this.request = request;
        this.origin = origin;
        this.watchdog = watchdog;
    }

    /** Up to READS_PER_CALL reads; true once the response is complete. */
    private boolean readSome(ByteBuffer buffer, ResponseParser parser, IdleWatchdog.Watch watch)
            throws IOException, JobFailure {
        for (int i = 0; i < READS_PER_CALL; i++) {
            if (readOnce(buffer, parser, watch)) return true;
        }
        return false;
    }

    /** One read into the buffer, its bytes to the parser; true once the response is complete. */
    private boolean readOnce(ByteBuffer buffer, ResponseParser parser, IdleWatchdog.Watch watch)
            throws IOException, JobFailure {
        buffer.clear();
        if (channel.read(buffer) < 0) {
            parser.endOfStream();
            return true;
        }
        watch.progress();
        buffer.flip();
        return parser.feed(buffer);
    }

    @Override
    public void run() {
        ResponseParser parser = plan.newParser();
        IdleWatchdog.Watch watch = watchdog.watch(channel, System.nanoTime() + plan.connectTimeoutNanos());
        try {
            channel.connect(address);
            long now = System.nanoTime();
            record.connectedAt = now - origin;
            watch.idle(plan.readTimeoutNanos(), now);
            ByteBuffer out = request.duplicate();
            while (out.hasRemaining()) channel.write(out);
            record.requestSentAt = System.nanoTime() - origin;
            JobStart.leave(plan);
            ByteBuffer buffer = ByteBuffer.allocateDirect(plan.bufferSize());
            // Reads in calls of READS_PER_CALL. Every thread runs this loop, and HotSpot moves a running
            // interpreted loop to compiled code only when that thread trips the loop's shared counter, one thread
            // at a time: a loop with one read per turn stays interpreted in each job thread until its on-stack
            // replacement, seconds into the window. A method of many reads is compiled once for all threads, in
            // the warm-up round, and leaves the interpreter one turn in 16.
            while (!readSome(buffer, parser, watch)) {
                // the response is not complete yet
            }
        } catch (Throwable t) {
            String expired = watch.expired();
            if (expired != null) {
                record.fail(record.connectedAt < 0 ? JobFailure.connectTimeout(plan.connectTimeoutMs())
                        : JobFailure.readTimeout(plan.readTimeoutMs(), parser.bodyBytes()));
            } else {
                record.fail(t, parser.whereNow());
            }
        } finally {
            parser.endJob(record, origin);
            watchdog.release(watch);
            try {
                channel.close();
            } catch (IOException ignored) {
                // the job is over; a failed close changes nothing it measured
            }
        }
    }
}
