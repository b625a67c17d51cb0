package netoverhead.model.netty;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ConnectTimeoutException;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

import netoverhead.job.JobFailure;
import netoverhead.job.JobRecord;
import netoverhead.model.ClientPlan;
import netoverhead.workload.Conversation;

/**
 * One job as a minimal inbound handler that drives its {@link Conversation}, so that the transport is measured
 * and not a codec: every received ByteBuf goes to the conversation as the NIO buffer(s) over its memory, and
 * after the channel becomes active, after every read and after every write the conversation says what next:
 * its outgoing bytes are written at once when due, or (open loop) a send is scheduled on the channel's event
 * loop for its time. Everything but {@link #connectFailed} runs on that loop. The read timeout is an idle check
 * scheduled on the loop, as Netty's own idle handlers do it; it counts only while responses are awaited.
 */
final class NettyJob extends ChannelInboundHandlerAdapter {
    static final AttributeKey<NettyJob> KEY = AttributeKey.valueOf("netoverhead.job");

    private final JobRecord record;
    private final Conversation conversation;
    private final ClientPlan plan;
    private final Runnable done;
    private final Runnable sendTimeCame = this::sendTimeCame;
    private final ChannelFutureListener flushed = this::flushed;
    private ChannelHandlerContext ctx;
    private long lastActivity;
    /** The time a scheduled send waits for, or {@link Conversation#NEVER} when none is scheduled. */
    private long scheduledSend = Conversation.NEVER;
    /** Whether a write is still in the channel's outbound buffer and a listener waits for it to be flushed. */
    private boolean awaitingFlush;
    private boolean finished;

    NettyJob(JobRecord record, Conversation conversation, ClientPlan plan, Runnable done) {
        this.record = record;
        this.conversation = conversation;
        this.plan = plan;
        this.done = done;
    }

    JobRecord record() {
        return record;
    }

    /** The connect did not succeed: refused, timed out, or the channel could not even be created. */
    void connectFailed(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            record.fail(JobFailure.connectTimeout(plan.connectTimeoutMs()));
        } else {
            record.fail(cause);
        }
        finish();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        long now = System.nanoTime();
        conversation.connected(now);
        lastActivity = now;
        scheduleIdleCheck(plan.readTimeoutNanos());
        next(now);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (finished) return;
            long now = System.nanoTime();
            lastActivity = now;
            ByteBuf buf = (ByteBuf) msg;
            boolean complete = false;
            if (buf.nioBufferCount() == 1) {
                // the buffer's own NIO view of its memory: no copy and, unlike nioBuffer(), no new object per read
                complete = conversation.received(buf.internalNioBuffer(buf.readerIndex(), buf.readableBytes()), now);
            } else {
                for (ByteBuffer part : buf.nioBuffers()) complete = conversation.received(part, now);
            }
            if (complete) {
                finish();
            } else {
                // a response that came in may free a slot of the pipeline: the next request goes out in this turn
                next(now);
            }
        } catch (Throwable t) {
            record.fail(t, conversation.whereNow());
            finish();
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * Writes what the conversation has due now, or schedules a send for its next time; ends the job once the
     * conversation is done. Reading needs nothing: the channel reads whenever data comes.
     */
    private void next(long now) {
        long due = conversation.nextSendAt(now);
        if (conversation.done()) {
            finish();
            return;
        }
        if (due <= now) {
            ByteBuffer out = conversation.outgoing(now);
            if (out.hasRemaining()) {
                write(out);
                // everything due went out: what is left is a later time (open loop) or a response to wait for
                due = conversation.nextSendAt(now);
            }
        }
        if (due != Conversation.NEVER && due < scheduledSend) {
            scheduledSend = due;
            ctx.executor().schedule(sendTimeCame, Math.max(0, due - now), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Copies the outgoing bytes into a pooled direct buffer, which the channel owns and releases once written,
     * and flushes it. The NIO and epoll transports write in the flush, so the write is stamped when the flush
     * leaves nothing in the outbound buffer; otherwise (a full socket buffer, or io_uring, whose writes complete
     * later) an empty buffer written after it tells when everything before it is out.
     */
    private void write(ByteBuffer out) {
        ByteBuf buf = ctx.alloc().directBuffer(out.remaining());
        buf.writeBytes(out);
        ctx.writeAndFlush(buf, ctx.voidPromise());
        long now = System.nanoTime();
        lastActivity = now;
        if (awaitingFlush) return;
        if (flushedAll()) {
            conversation.wrote(now);
        } else {
            awaitFlush();
        }
    }

    /** Whether the channel's outbound buffer holds nothing more to write; false once the channel is closed. */
    private boolean flushedAll() {
        ChannelOutboundBuffer pending = ctx.channel().unsafe().outboundBuffer();
        return pending != null && pending.isEmpty();
    }

    private void awaitFlush() {
        awaitingFlush = true;
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(flushed);
    }

    /** Everything written before the empty buffer is out (or the channel failed, which exceptionCaught reports). */
    private void flushed(ChannelFuture f) {
        awaitingFlush = false;
        if (finished || !f.isSuccess()) return;
        try {
            long now = System.nanoTime();
            conversation.wrote(now);
            // writes queued after the empty buffer are still on their way: wait for them too
            if (!flushedAll()) awaitFlush();
            next(now);
        } catch (Throwable t) {
            record.fail(t, conversation.whereNow());
            finish();
        }
    }

    /** The scheduled send's time has come. */
    private void sendTimeCame() {
        scheduledSend = Conversation.NEVER;
        if (finished) return;
        try {
            next(System.nanoTime());
        } catch (Throwable t) {
            record.fail(t, conversation.whereNow());
            finish();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (finished) return;
        try {
            conversation.endOfStream(System.nanoTime());
        } catch (Throwable t) {
            record.fail(t, conversation.whereNow());
        }
        finish();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (finished) return;
        record.fail(cause, conversation.whereNow());
        finish();
    }

    private void scheduleIdleCheck(long delayNanos) {
        ctx.executor().schedule(() -> {
            if (finished) return;
            long now = System.nanoTime();
            if (!conversation.awaitingResponse()) {
                // nothing in flight (an open loop between sends): no data is due, so no time runs out
                lastActivity = now;
            }
            long idle = now - lastActivity;
            if (idle >= plan.readTimeoutNanos()) {
                record.fail(JobFailure.readTimeout(plan.readTimeoutMs(), conversation.bodyBytes()));
                finish();
            } else {
                scheduleIdleCheck(plan.readTimeoutNanos() - idle);
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void finish() {
        if (finished) return;
        finished = true;
        conversation.end(System.nanoTime());
        if (ctx != null) ctx.close();
        done.run();
    }
}
