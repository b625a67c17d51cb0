package netoverhead.model.netty;

import java.util.function.Supplier;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;

/**
 * Creates each job's channel for the Bootstrap and times it: the channel's constructor is the call that
 * creates the socket. Bootstrap calls it synchronously inside {@code connect()}, on the setting-up thread,
 * so the job it is for is simply the one prepared last.
 */
final class TimedChannelFactory implements ChannelFactory<Channel> {
    private final Supplier<Channel> constructor;
    private final long origin;
    private NettyJob next;
    private long createdAt = -1;

    TimedChannelFactory(Supplier<Channel> constructor, long origin) {
        this.constructor = constructor;
        this.origin = origin;
    }

    /** Names the job whose channel the next {@link #newChannel()} creates. */
    void prepare(NettyJob job) {
        next = job;
        createdAt = -1;
    }

    /** The {@link System#nanoTime()} at which the last channel's socket existed, or -1 if creation failed. */
    long createdAt() {
        return createdAt;
    }

    @Override
    public Channel newChannel() {
        long start = System.nanoTime();
        Channel channel = constructor.get();
        long created = System.nanoTime();
        next.record().socketStartAt = start - origin;
        next.record().socketCreateNs = created - start;
        createdAt = created;
        channel.attr(NettyJob.KEY).set(next);
        return channel;
    }
}
