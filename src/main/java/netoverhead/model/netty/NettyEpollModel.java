package netoverhead.model.netty;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;

import netoverhead.model.Availability;

/** Netty's native epoll transport (JNI, Linux x86_64 library shipped in its jar). */
public final class NettyEpollModel extends NettyModel {
    @Override public String name() { return "netty-epoll"; }

    @Override public String label() { return "Netty epoll"; }

    @Override public String description() {
        return "Netty 4.2, native epoll transport (JNI), one event loop per core (--loops N)";
    }

    @Override
    protected Availability probe() {
        if (!NativeTransports.isLinux()) return Availability.unavailable("epoll needs Linux, this is " + NativeTransports.osName());
        try {
            if (Epoll.isAvailable()) return Availability.AVAILABLE;
            return Availability.unavailable("Netty's native epoll library did not load: "
                    + NativeTransports.describe(Epoll.unavailabilityCause()));
        } catch (LinkageError e) {
            return Availability.unavailable("Netty's native epoll library did not load: " + NativeTransports.describe(e));
        }
    }

    @Override
    protected IoHandlerFactory ioHandlerFactory() {
        return EpollIoHandler.newFactory();
    }

    @Override
    protected Channel newChannel() {
        return new EpollSocketChannel();
    }
}
