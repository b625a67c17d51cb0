package netoverhead.model.netty;

import java.util.function.Supplier;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;

/**
 * Creates each connection's channel for a Bootstrap and times it: the channel's constructor is the call that
 * creates the socket. Bootstrap calls it synchronously inside {@code connect()}, on the calling thread, so the
 * connection it is for is simply the one prepared last; each factory serves one thread only (the setting-up
 * thread, or one event loop for its jobs' reconnects).
 */
final class TimedChannelFactory implements ChannelFactory<Channel> {
    private final Supplier<Channel> constructor;
    private final long origin;
    private NettyConnection next;
    private long createdAt = -1;

    TimedChannelFactory(Supplier<Channel> constructor, long origin) {
        this.constructor = constructor;
        this.origin = origin;
    }

    /** Names the connection whose channel the next {@link #newChannel()} creates. */
    void prepare(NettyConnection connection) {
        next = connection;
        createdAt = -1;
    }

    /** The {@link System#nanoTime()} at which the last channel's socket existed, or -1 if creation failed. */
    long createdAt() {
        return createdAt;
    }

    @Override
    public Channel newChannel() {
        NettyConnection connection = next;
        next = null;
        long start = System.nanoTime();
        Channel channel = constructor.get();
        long created = System.nanoTime();
        createdAt = created;
        connection.channel = channel;
        // the pipeline's only lasting handler, added before registration (and without an attribute to find it by)
        channel.pipeline().addLast(connection);
        // before the channel is registered, so before any of its events on the loop
        connection.job.socketCreated(start - origin, created - start, created);
        return channel;
    }
}
