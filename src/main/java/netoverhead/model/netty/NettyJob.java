package netoverhead.model.netty;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;

import netoverhead.job.JobFailure;
import netoverhead.job.JobRecord;
import netoverhead.model.ClientPlan;
import netoverhead.workload.Conversation;

/**
 * One job: drives its {@link Conversation} over the events of its current {@link NettyConnection}, so that the
 * transport is measured and not a codec. Every received ByteBuf goes to the conversation as the NIO buffer(s)
 * over its memory, and after the channel becomes active, after every read and after every write the conversation
 * says what next: its outgoing bytes are written at once when due, or (open loop) a send is scheduled on the
 * channel's event loop for its time. When the conversation is done and asks to reconnect (churn), the job closes
 * the channel and connects a new one from the same loop; otherwise the job ends. Everything after the first
 * socket's creation runs on that loop (a first connect that fails at once may report on the setting-up thread).
 * The read timeout is one idle check per job scheduled on the loop, as Netty's own idle handlers do it; it counts
 * only while responses are awaited, and an idle conversation (no read timeout) never schedules it.
 */
final class NettyJob {
    private final JobRecord record;
    private final Conversation conversation;
    private final ClientPlan plan;
    private final Runnable done;
    /** The connector of a loop, for the reconnects of the jobs on it. */
    private final Function<EventLoop, Connector> reconnectors;
    private final Runnable sendTimeCame = this::sendTimeCame;
    private final Runnable idleCheck = this::idleCheck;
    private final ChannelFutureListener connectDone = this::connectDone;
    /** The connection whose events count: the last one opened. */
    private NettyConnection current;
    /** Whether {@link #current} is established. */
    private boolean active;
    private long lastActivity;
    /** The time a scheduled send waits for, or {@link Conversation#NEVER} when none is scheduled. */
    private long scheduledSend = Conversation.NEVER;
    private boolean idleCheckScheduled;
    private boolean finished;

    NettyJob(JobRecord record, Conversation conversation, ClientPlan plan, Runnable done,
             Function<EventLoop, Connector> reconnectors) {
        this.record = record;
        this.conversation = conversation;
        this.plan = plan;
        this.done = done;
        this.reconnectors = reconnectors;
    }

    /** Opens the job's first connection (on the setting-up thread). */
    void start(Connector connector) {
        connect(connector);
    }

    private void connect(Connector connector) {
        NettyConnection connection = new NettyConnection(this);
        current = connection;
        active = false;
        connector.connect(connection).addListener(connectDone);
    }

    /**
     * A connection's socket exists ({@link System#nanoTime()} {@code createdAt}): its connect starts now. The
     * record keeps the first socket's times, relative to the origin.
     */
    void socketCreated(long startAt, long createNs, long createdAt) {
        if (record.socketStartAt == JobRecord.NONE) {
            record.socketStartAt = startAt;
            record.socketCreateNs = createNs;
        }
        conversation.connecting(createdAt);
    }

    private void connectDone(ChannelFuture f) {
        if (!f.isSuccess()) connectFailed(f.cause());
    }

    /** The connect did not succeed: refused, timed out, no local port, or the channel could not even be created. */
    void connectFailed(Throwable cause) {
        if (finished) return;
        if (cause instanceof ConnectTimeoutException) {
            record.fail(JobFailure.connectTimeout(plan.connectTimeoutMs()));
        } else {
            record.fail(ConnectFailures.reportable(cause));
        }
        finish();
    }

    void active(NettyConnection connection) {
        if (finished || connection != current) {
            connection.channel.close();
            return;
        }
        active = true;
        long now = System.nanoTime();
        conversation.connected(now);
        lastActivity = now;
        if (conversation.readTimeoutApplies() && !idleCheckScheduled) {
            idleCheckScheduled = true;
            connection.ctx.executor().schedule(idleCheck, plan.readTimeoutNanos(), TimeUnit.NANOSECONDS);
        }
        next(now);
    }

    void read(NettyConnection connection, ByteBuf buf) {
        if (finished || connection != current) return;
        try {
            long now = System.nanoTime();
            lastActivity = now;
            boolean complete = false;
            if (buf.nioBufferCount() == 1) {
                // the buffer's own NIO view of its memory: no copy and, unlike nioBuffer(), no new object per read
                complete = conversation.received(buf.internalNioBuffer(buf.readerIndex(), buf.readableBytes()), now);
            } else {
                for (ByteBuffer part : buf.nioBuffers()) complete = conversation.received(part, now);
            }
            if (complete) {
                connectionDone(now);
            } else {
                // a response that came in may free a slot of the pipeline: the next request goes out in this turn
                next(now);
            }
        } catch (Throwable t) {
            record.fail(t, conversation.whereNow());
            finish();
        }
    }

    /**
     * Writes what the conversation has due now, or schedules a send for its next time; ends the connection once
     * the conversation is done. Reading needs nothing: the channel reads whenever data comes.
     */
    private void next(long now) {
        long due = conversation.nextSendAt(now);
        if (conversation.done()) {
            connectionDone(now);
            return;
        }
        if (due <= now) {
            ByteBuffer out = conversation.outgoing(now);
            if (out.hasRemaining()) {
                write(current, out);
                // everything due went out: what is left is a later time (open loop) or a response to wait for
                due = conversation.nextSendAt(now);
            }
        }
        if (due != Conversation.NEVER && due < scheduledSend) {
            scheduledSend = due;
            current.ctx.executor().schedule(sendTimeCame, Math.max(0, due - now), TimeUnit.NANOSECONDS);
        }
    }

    /** The conversation is done on this connection: the next one (churn) or the job's end. */
    private void connectionDone(long now) {
        if (!conversation.reconnect(now)) {
            finish();
            return;
        }
        Channel old = current.channel;
        active = false;
        old.close();
        connect(reconnectors.apply(old.eventLoop()));
    }

    /**
     * Copies the outgoing bytes into a pooled direct buffer, which the channel owns and releases once written,
     * and flushes it. The NIO and epoll transports write in the flush, so the write is stamped when the flush
     * leaves nothing in the outbound buffer; otherwise (a full socket buffer, or io_uring, whose writes complete
     * later) an empty buffer written after it tells when everything before it is out.
     */
    private void write(NettyConnection connection, ByteBuffer out) {
        ByteBuf buf = connection.ctx.alloc().directBuffer(out.remaining());
        buf.writeBytes(out);
        connection.ctx.writeAndFlush(buf, connection.ctx.voidPromise());
        long now = System.nanoTime();
        lastActivity = now;
        if (connection.awaitingFlush) return;
        if (flushedAll(connection)) {
            conversation.wrote(now);
        } else {
            awaitFlush(connection);
        }
    }

    /** Whether the channel's outbound buffer holds nothing more to write; false once the channel is closed. */
    private static boolean flushedAll(NettyConnection connection) {
        ChannelOutboundBuffer pending = connection.channel.unsafe().outboundBuffer();
        return pending != null && pending.isEmpty();
    }

    private static void awaitFlush(NettyConnection connection) {
        connection.awaitingFlush = true;
        connection.ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(connection);
    }

    /** Everything written on the connection before its empty buffer is out, or the channel failed. */
    void flushed(NettyConnection connection, ChannelFuture f) {
        if (finished || connection != current || !f.isSuccess()) return;
        try {
            long now = System.nanoTime();
            conversation.wrote(now);
            // writes queued after the empty buffer are still on their way: wait for them too
            if (!flushedAll(connection)) awaitFlush(connection);
            next(now);
        } catch (Throwable t) {
            record.fail(t, conversation.whereNow());
            finish();
        }
    }

    /** The scheduled send's time has come; between connections the next one's activation sends instead. */
    private void sendTimeCame() {
        scheduledSend = Conversation.NEVER;
        if (finished || !active) return;
        try {
            next(System.nanoTime());
        } catch (Throwable t) {
            record.fail(t, conversation.whereNow());
            finish();
        }
    }

    void inactive(NettyConnection connection) {
        if (finished || connection != current || !active) return;
        long now = System.nanoTime();
        try {
            conversation.endOfStream(now);
            // the server's close ends this connection's conversation (churn reads it after its last response)
            connectionDone(now);
        } catch (Throwable t) {
            record.fail(t, conversation.whereNow());
            finish();
        }
    }

    void exception(NettyConnection connection, Throwable cause) {
        if (finished || connection != current) return;
        record.fail(cause, conversation.whereNow());
        finish();
    }

    /** Fails the job once responses are awaited and nothing came for the read timeout; a connect is not idle. */
    private void idleCheck() {
        if (finished) return;
        long now = System.nanoTime();
        if (!active || !conversation.awaitingResponse()) {
            // connecting (the connect timeout watches that), or nothing in flight (an open loop between sends)
            lastActivity = now;
        }
        long idle = now - lastActivity;
        if (idle >= plan.readTimeoutNanos()) {
            record.fail(JobFailure.readTimeout(plan.readTimeoutMs(), conversation.bodyBytes()));
            finish();
        } else {
            current.channel.eventLoop().schedule(idleCheck, plan.readTimeoutNanos() - idle, TimeUnit.NANOSECONDS);
        }
    }

    private void finish() {
        if (finished) return;
        finished = true;
        conversation.end(System.nanoTime());
        if (current != null && current.channel != null) current.channel.close();
        done.run();
    }
}
