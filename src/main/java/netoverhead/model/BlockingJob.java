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
 * and read into a buffer the job owns while responses are awaited, until the conversation is done; then, for
 * churn, the same again on a new socket while the conversation asks to reconnect. An idle connection blocks in
 * its read with no watch on it. Shared by the threaded and the virtual-thread models, which differ only in the
 * thread that runs it.
 *
 * <p>The job's buffer is direct, so that bulk's and rr's reads land in native memory with no copy, except for a
 * conversation that waits with no read timeout (idle), which reads rarely and waits long: its buffer is on the
 * heap. The JDK reads into a heap buffer through a temporary direct buffer of the reading thread's (a virtual
 * thread's carrier's), taken for each read attempt and given back before the thread parks, so a virtual thread
 * that waits for bytes holds no native buffer, only the small heap one.
 */
public final class BlockingJob implements Runnable {
    private static final int READS_PER_CALL = 16;

    private final SocketChannel channel;
    private final JobRecord record;
    private final Conversation conversation;
    private final ClientPlan plan;
    private final InetSocketAddress address;
    private final IdleWatchdog watchdog;
    private final long createdAt;

    /** @param createdAt when {@code channel} was created, a {@link System#nanoTime()} */
    public BlockingJob(SocketChannel channel, long createdAt, JobRecord record, Conversation conversation,
                       ClientPlan plan, InetSocketAddress address, IdleWatchdog watchdog) {
        this.channel = channel;
        this.createdAt = createdAt;
        this.record = record;
        this.conversation = conversation;
        this.plan = plan;
        this.address = address;
        this.watchdog = watchdog;
    }

    /** Up to READS_PER_CALL reads while a response is awaited; true once the conversation is done. */
    private boolean readSome(SocketChannel channel, ByteBuffer buffer, IdleWatchdog.Watch watch)
            throws IOException, JobFailure {
        for (int i = 0; i < READS_PER_CALL && conversation.awaitingResponse(); i++) {
            if (readOnce(channel, buffer, watch)) return true;
        }
        return conversation.done();
    }

    /** One read into the buffer, its bytes to the conversation; true once the conversation is done. */
    private boolean readOnce(SocketChannel channel, ByteBuffer buffer, IdleWatchdog.Watch watch)
            throws IOException, JobFailure {
        buffer.clear();
        if (channel.read(buffer) < 0) {
            conversation.endOfStream(System.nanoTime());
            return true;
        }
        progress(watch);
        buffer.flip();
        return conversation.received(buffer, System.nanoTime());
    }

    /** Writes everything due now; true if something was due. */
    private boolean send(SocketChannel channel, long now) throws IOException {
        ByteBuffer out = conversation.outgoing(now);
        if (!out.hasRemaining()) return false;
        while (out.hasRemaining()) channel.write(out);
        conversation.wrote(System.nanoTime());
        return true;
    }

    @Override
    public void run() {
        SocketChannel current = channel;
        IdleWatchdog.Watch watch = watchdog.watch(current, createdAt + plan.connectTimeoutNanos());
        boolean connecting = true; // the current socket's connect is under way: a timeout now is the connect's
        try {
            conversation.connecting(createdAt);
            ByteBuffer buffer = null;
            boolean first = true;
            while (true) {
                current.connect(address);
                connecting = false;
                long now = System.nanoTime();
                conversation.connected(now);
                if (conversation.readTimeoutApplies()) {
                    watch.idle(plan.readTimeoutNanos(), now);
                } else {
                    // an idle connection waits as long as the server keeps it: no watch while it does
                    watchdog.release(watch);
                    watch = null;
                }
                while (true) {
                    now = System.nanoTime();
                    long due = conversation.nextSendAt(now);
                    if (conversation.done()) break;
                    if (due <= now && send(current, now)) {
                        if (first) {
                            JobStart.leave(plan);
                            first = false;
                        }
                        progress(watch);
                    } else if (conversation.awaitingResponse()) {
                        if (buffer == null) buffer = newBuffer();
                        // Reads in calls of READS_PER_CALL. Every thread runs this loop, and HotSpot moves a running
                        // interpreted loop to compiled code only when that thread trips the loop's shared counter,
                        // one thread at a time: a loop with one read per turn stays interpreted in each job thread
                        // until its on-stack replacement, seconds into the window. A method of many reads is
                        // compiled once for all threads, in the warm-up round, and leaves the interpreter one turn
                        // in 16.
                        if (readSome(current, buffer, watch)) break;
                    } else {
                        // open loop, nothing in flight: wait for the next intended send time
                        LockSupport.parkNanos(due - now);
                        progress(watch);
                    }
                }
                now = System.nanoTime();
                if (!conversation.reconnect(now)) break;
                // churn: the next connection of the same conversation, on a socket of its own
                closeQuietly(current);
                if (watch != null) watchdog.release(watch);
                current = SocketChannel.open();
                long created = System.nanoTime();
                watch = watchdog.watch(current, created + plan.connectTimeoutNanos());
                connecting = true;
                conversation.connecting(created);
            }
        } catch (Throwable t) {
            String expired = watch == null ? null : watch.expired();
            if (expired != null) {
                record.fail(connecting ? JobFailure.connectTimeout(plan.connectTimeoutMs())
                        : JobFailure.readTimeout(plan.readTimeoutMs(), conversation.bodyBytes()));
            } else {
                record.fail(t, conversation.whereNow());
            }
        } finally {
            conversation.end(System.nanoTime());
            if (watch != null) watchdog.release(watch);
            closeQuietly(current);
        }
    }

    /** The job's read buffer, made at its first read: on the heap for a conversation that waits without a timeout. */
    private ByteBuffer newBuffer() {
        return conversation.readTimeoutApplies() ? ByteBuffer.allocateDirect(plan.bufferSize())
                : ByteBuffer.allocate(plan.bufferSize());
    }

    private static void progress(IdleWatchdog.Watch watch) {
        if (watch != null) watch.progress();
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the connection is over; a failed close changes nothing it measured
        }
    }
}
