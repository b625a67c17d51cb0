package netoverhead.model;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;

import netoverhead.job.JobFailure;
import netoverhead.job.JobRecord;
import netoverhead.workload.Conversation;

/**
 * One job on a blocking SocketChannel, as a thread-per-connection client does it: connect, then write what
 * the conversation has to send, sleep until its next send time when nothing is due and nothing is awaited,
 * and read into a buffer the job owns while responses are awaited, until the conversation is done. Shared by
 * the threaded and the virtual-thread models, which differ only in the thread that runs it.
 */
public final class BlockingJob implements Runnable {
    private static final int READS_PER_CALL = 16;

    private final SocketChannel channel;
    private final JobRecord record;
    private final Conversation conversation;
    private final ClientPlan plan;
    private final InetSocketAddress address;
    private final IdleWatchdog watchdog;

    public BlockingJob(SocketChannel channel, JobRecord record, Conversation conversation, ClientPlan plan,
                       InetSocketAddress address, IdleWatchdog watchdog) {
        this.channel = channel;
        this.record = record;
        this.conversation = conversation;
        this.plan = plan;
        this.address = address;
        this.watchdog = watchdog;
    }

    /** Up to READS_PER_CALL reads while a response is awaited; true once the conversation is done. */
    private boolean readSome(ByteBuffer buffer, IdleWatchdog.Watch watch) throws IOException, JobFailure {
        for (int i = 0; i < READS_PER_CALL && conversation.awaitingResponse(); i++) {
            if (readOnce(buffer, watch)) return true;
        }
        return conversation.done();
    }

    /** One read into the buffer, its bytes to the conversation; true once the conversation is done. */
    private boolean readOnce(ByteBuffer buffer, IdleWatchdog.Watch watch) throws IOException, JobFailure {
        buffer.clear();
        if (channel.read(buffer) < 0) {
            conversation.endOfStream(System.nanoTime());
            return true;
        }
        watch.progress();
        buffer.flip();
        return conversation.received(buffer, System.nanoTime());
    }

    /** Writes everything due now; true if something was due. */
    private boolean send(long now) throws IOException {
        ByteBuffer out = conversation.outgoing(now);
        if (!out.hasRemaining()) return false;
        while (out.hasRemaining()) channel.write(out);
        conversation.wrote(System.nanoTime());
        return true;
    }

    @Override
    public void run() {
        IdleWatchdog.Watch watch = watchdog.watch(channel, System.nanoTime() + plan.connectTimeoutNanos());
        try {
            channel.connect(address);
            long now = System.nanoTime();
            conversation.connected(now);
            watch.idle(plan.readTimeoutNanos(), now);
            ByteBuffer buffer = null;
            boolean first = true;
            while (true) {
                now = System.nanoTime();
                long due = conversation.nextSendAt(now);
                if (conversation.done()) break;
                if (due <= now && send(now)) {
                    if (first) {
                        JobStart.leave(plan);
                        first = false;
                    }
                    watch.progress();
                } else if (conversation.awaitingResponse()) {
                    if (buffer == null) buffer = ByteBuffer.allocateDirect(plan.bufferSize());
                    // Reads in calls of READS_PER_CALL. Every thread runs this loop, and HotSpot moves a running
                    // interpreted loop to compiled code only when that thread trips the loop's shared counter,
                    // one thread at a time: a loop with one read per turn stays interpreted in each job thread
                    // until its on-stack replacement, seconds into the window. A method of many reads is
                    // compiled once for all threads, in the warm-up round, and leaves the interpreter one turn
                    // in 16.
                    if (readSome(buffer, watch)) break;
                } else {
                    // open loop, nothing in flight: wait for the next intended send time
                    LockSupport.parkNanos(due - now);
                    watch.progress();
                }
            }
        } catch (Throwable t) {
            String expired = watch.expired();
            if (expired != null) {
                record.fail(record.connectedAt < 0 ? JobFailure.connectTimeout(plan.connectTimeoutMs())
                        : JobFailure.readTimeout(plan.readTimeoutMs(), conversation.bodyBytes()));
            } else {
                record.fail(t, conversation.whereNow());
            }
        } finally {
            conversation.end(System.nanoTime());
            watchdog.release(watch);
            try {
                channel.close();
            } catch (IOException ignored) {
                // the job is over; a failed close changes nothing it measured
            }
        }
    }
}
