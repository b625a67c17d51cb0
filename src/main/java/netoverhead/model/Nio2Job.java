package netoverhead.model;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.InterruptedByTimeoutException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import netoverhead.job.JobFailure;
import netoverhead.job.JobRecord;
import netoverhead.workload.Conversation;

/**
 * One job as a chain of CompletionHandlers driving its {@link Conversation}: connect, then after every
 * completion ask the conversation what next: write what is due, read while responses are awaited, or (open
 * loop, nothing in flight) wait on the run's timer until the next send time. Each job owns its read buffer,
 * because its read is outstanding while the others' are. Reads and writes carry the read timeout, and a read
 * is outstanding only while responses are awaited; a connect has no timeout in NIO.2, so the watchdog closes a
 * channel whose connect takes too long. A conversation that waits with no read timeout (idle) has its reads and
 * writes carry none. When the conversation is done and asks to reconnect (churn), the job closes its channel
 * and connects a new one in the same group, under the connect timeout again.
 *
 * <p>One operation is outstanding at a time, so the conversation is called from one thread at a time: a
 * completion handler on a group thread, or the timer's thread for a send it waited for. A request that falls
 * due while a read is outstanding goes out when that read completes, as in the blocking models.
 */
final class Nio2Job {
    private final AsynchronousChannelGroup group;
    private AsynchronousSocketChannel channel;
    private InetSocketAddress address;
    private final JobRecord record;
    private final Conversation conversation;
    private final ClientPlan plan;
    private final ByteBuffer buffer;
    private final IdleWatchdog watchdog;
    /** Open-loop waits of every job of the run; null in a closed loop, which never waits for a time. */
    private final ScheduledExecutorService timer;
    private final Runnable done;
    private final Runnable wake = this::wake;
    private IdleWatchdog.Watch connectWatch;
    /** The timeout of this connection's reads and writes, in milliseconds; 0 for none (idle). */
    private long ioTimeoutMs;
    /** The conversation's outgoing bytes while a write of them is outstanding. */
    private ByteBuffer writing;
    private boolean finished;

    Nio2Job(AsynchronousChannelGroup group, AsynchronousSocketChannel channel, JobRecord record,
            Conversation conversation, ClientPlan plan, IdleWatchdog watchdog, ScheduledExecutorService timer,
            Runnable done) {
        this.group = group;
        this.channel = channel;
        this.record = record;
        this.conversation = conversation;
        this.plan = plan;
        this.buffer = ByteBuffer.allocateDirect(plan.bufferSize());
        this.watchdog = watchdog;
        this.timer = timer;
        this.done = done;
    }

    /**
     * Starts the connect of the channel created at {@code created}; everything after it runs on the channel
     * group's threads (and the timer's).
     */
    void start(InetSocketAddress address, long created) {
        this.address = address;
        connect(created);
    }

    private void connect(long created) {
        conversation.connecting(created);
        connectWatch = watchdog.watch(channel, created + plan.connectTimeoutNanos());
        try {
            channel.connect(address, null, connected);
        } catch (RuntimeException e) {
            // an unresolved address, say: the connect never started
            watchdog.release(connectWatch);
            record.fail(e);
            finish();
        }
    }

    /**
     * The conversation is done: for churn, the job's next connection on a new channel of the same group;
     * otherwise the job ends.
     */
    private void over(long now) {
        if (!conversation.reconnect(now)) {
            finish();
            return;
        }
        close(channel);
        try {
            channel = AsynchronousSocketChannel.open(group);
        } catch (IOException e) {
            record.fail(e, conversation.whereNow());
            finish();
            return;
        }
        connect(System.nanoTime());
    }

    private final CompletionHandler<Void, Void> connected = new CompletionHandler<>() {
        @Override
        public void completed(Void result, Void a) {
            long now = System.nanoTime();
            conversation.connected(now);
            watchdog.release(connectWatch);
            // read and write's convention (as in read without a timeout): zero waits for ever
            ioTimeoutMs = conversation.readTimeoutApplies() ? plan.readTimeoutMs() : 0;
            next(now);
        }

        @Override
        public void failed(Throwable t, Void a) {
            watchdog.release(connectWatch);
            if (connectWatch.expired() != null) {
                record.fail(JobFailure.connectTimeout(plan.connectTimeoutMs()));
            } else {
                record.fail(t);
            }
            finish();
        }
    };

    private final CompletionHandler<Integer, Void> wrote = new CompletionHandler<>() {
        @Override
        public void completed(Integer n, Void a) {
            if (writing.hasRemaining()) {
                write();
                return;
            }
            writing = null;
            long now = System.nanoTime();
            conversation.wrote(now);
            next(now);
        }

        @Override
        public void failed(Throwable t, Void a) {
            fail(t);
        }
    };

    private final CompletionHandler<Integer, Void> readDone = new CompletionHandler<>() {
        @Override
        public void completed(Integer n, Void a) {
            long now = System.nanoTime();
            try {
                if (n < 0) {
                    conversation.endOfStream(now);
                    over(now);
                    return;
                }
                buffer.flip();
                if (conversation.received(buffer, now)) {
                    over(now);
                    return;
                }
            } catch (Throwable t) {
                record.fail(t, conversation.whereNow());
                finish();
                return;
            }
            // a response that came in may free a slot of the pipeline: the next request goes out in this turn
            next(now);
        }

        @Override
        public void failed(Throwable t, Void a) {
            fail(t);
        }
    };

    /**
     * Starts what the conversation needs next: a write of what is due, a read while responses are awaited, or
     * a wait on the timer until the next send time; once the conversation is done, reconnects or ends the job.
     */
    private void next(long now) {
        try {
            long due = conversation.nextSendAt(now);
            if (conversation.done()) {
                over(now);
                return;
            }
            if (due <= now) {
                ByteBuffer out = conversation.outgoing(now);
                if (out.hasRemaining()) {
                    writing = out;
                    write();
                    return;
                }
            }
            if (conversation.awaitingResponse()) {
                buffer.clear();
                channel.read(buffer, ioTimeoutMs, TimeUnit.MILLISECONDS, null, readDone);
            } else if (timer == null) {
                throw new IllegalStateException("the conversation waits for a send time in a closed loop");
            } else {
                timer.schedule(wake, Math.max(0, due - now), TimeUnit.NANOSECONDS);
            }
        } catch (Throwable t) {
            // the group shut down, say: the operation never started
            record.fail(t, conversation.whereNow());
            finish();
        }
    }

    /** The timer's turn: the next send time has come. */
    private void wake() {
        next(System.nanoTime());
    }

    private void write() {
        channel.write(writing, ioTimeoutMs, TimeUnit.MILLISECONDS, null, wrote);
    }

    private void fail(Throwable t) {
        if (t instanceof InterruptedByTimeoutException) {
            record.fail(JobFailure.readTimeout(plan.readTimeoutMs(), conversation.bodyBytes()));
        } else {
            record.fail(t, conversation.whereNow());
        }
        finish();
    }

    private void finish() {
        if (finished) return;
        finished = true;
        conversation.end(System.nanoTime());
        close(channel);
        done.run();
    }

    private static void close(AsynchronousSocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the connection is over; a failed close changes nothing it measured
        }
    }
}
