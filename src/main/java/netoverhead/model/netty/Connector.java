package netoverhead.model.netty;

import java.net.InetSocketAddress;
import java.util.function.Supplier;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;

/**
 * Opens connections to the plan's address: a Bootstrap over an event loop group (the setting-up thread's, which
 * spreads first connections over the loops) or over one loop (the reconnects of that loop's jobs, which stay on
 * their loop), with a {@link TimedChannelFactory} of its own. Used from one thread only, as its factory is.
 */
final class Connector {
    private final Bootstrap bootstrap;
    private final TimedChannelFactory factory;
    private final InetSocketAddress address;

    /** @param template the options every connection shares, and the handler Bootstrap requires */
    Connector(Bootstrap template, EventLoopGroup group, Supplier<Channel> constructor, long origin,
              InetSocketAddress address) {
        this.factory = new TimedChannelFactory(constructor, origin);
        this.bootstrap = template.clone(group).channelFactory(factory);
        this.address = address;
    }

    /** Creates the connection's channel, registers it and starts its connect (with the connect timeout). */
    ChannelFuture connect(NettyConnection connection) {
        factory.prepare(connection);
        return bootstrap.connect(address);
    }

    /** The {@link System#nanoTime()} at which the last channel's socket existed, or -1 if creation failed. */
    long createdAt() {
        return factory.createdAt();
    }
}
