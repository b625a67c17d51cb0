package netoverhead.model.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * One channel of a job: the only handler in the channel's pipeline (the channel factory adds it), it hands the
 * channel's events to its {@link NettyJob}, which heeds them while this is the job's current connection. A churn
 * job has one after another, each on a new channel (Netty lets a non-sharable handler into one pipeline only).
 * It also listens for the flush of the empty buffer that tells the job when its writes are out.
 */
final class NettyConnection extends ChannelInboundHandlerAdapter implements ChannelFutureListener {
    final NettyJob job;
    /** The channel, once the factory has created it. */
    Channel channel;
    /** The handler's context, once the channel is active. */
    ChannelHandlerContext ctx;
    /** Whether a write is still in the channel's outbound buffer and this listener waits for it to be flushed. */
    boolean awaitingFlush;

    NettyConnection(NettyJob job) {
        this.job = job;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        job.active(this);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            job.read(this, (ByteBuf) msg);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        job.inactive(this);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        job.exception(this, cause);
    }

    /** Everything written before the empty buffer is out (or the channel failed, which exceptionCaught reports). */
    @Override
    public void operationComplete(ChannelFuture future) {
        awaitingFlush = false;
        job.flushed(this, future);
    }
}
