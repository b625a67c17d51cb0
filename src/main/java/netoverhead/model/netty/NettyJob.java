package netoverhead.model.netty;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ConnectTimeoutException;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

import netoverhead.http.ResponseParser;
import netoverhead.job.JobFailure;
import netoverhead.job.JobRecord;
import netoverhead.model.ClientPlan;

/**
 * One job as a minimal inbound handler: sends the request when the channel becomes active and hands every
 * received ByteBuf to the shared {@link ResponseParser}, so that the transport is measured and not a codec.
 * Everything but {@link #connectFailed} runs on the channel's event loop. The read timeout is an idle check
 * scheduled on that loop, as Netty's own idle handlers do it.
 */
final class NettyJob extends ChannelInboundHandlerAdapter {
    static final AttributeKey<NettyJob> KEY = AttributeKey.valueOf("netoverhead.job");

    private final JobRecord record;
    private final ClientPlan plan;
    private final byte[] request;
    private final long origin;
    private final Runnable done;
    private final ResponseParser parser;
    private long lastActivity;
    private boolean finished;

    NettyJob(JobRecord record, ClientPlan plan, byte[] request, long origin, Runnable done) {
        this.record = record;
        this.plan = plan;
        this.request = request;
        this.origin = origin;
        this.done = done;
        this.parser = plan.newParser();
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
        finish(null);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        long now = System.nanoTime();
        record.connectedAt = now - origin;
        lastActivity = now;
        ctx.writeAndFlush(Unpooled.wrappedBuffer(request)).addListener(f -> {
            if (f.isSuccess()) {
                record.requestSentAt = System.nanoTime() - origin;
            } else {
                record.fail(f.cause());
                finish(ctx);
            }
        });
        scheduleIdleCheck(ctx, plan.readTimeoutNanos());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (finished) return;
            lastActivity = System.nanoTime();
            ByteBuf buf = (ByteBuf) msg;
            boolean complete = false;
            if (buf.nioBufferCount() == 1) {
                complete = parser.feed(buf.nioBuffer());
            } else {
                for (ByteBuffer part : buf.nioBuffers()) complete = parser.feed(part);
            }
            if (complete) finish(ctx);
        } catch (Throwable t) {
            record.fail(t, parser.whereNow());
            finish(ctx);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (finished) return;
        try {
            parser.endOfStream();
        } catch (Throwable t) {
            record.fail(t, parser.whereNow());
        }
        finish(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        record.fail(cause, parser.whereNow());
        finish(ctx);
    }

    private void scheduleIdleCheck(ChannelHandlerContext ctx, long delayNanos) {
        ctx.executor().schedule(() -> {
            if (finished) return;
            long idle = System.nanoTime() - lastActivity;
            if (idle >= plan.readTimeoutNanos()) {
                record.fail(JobFailure.readTimeout(plan.readTimeoutMs(), parser.bodyBytes()));
                finish(ctx);
            } else {
                scheduleIdleCheck(ctx, plan.readTimeoutNanos() - idle);
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void finish(ChannelHandlerContext ctx) {
        if (finished) return;
        finished = true;
        parser.endJob(record, origin);
        if (ctx != null) ctx.close();
        done.run();
    }
}
