package netoverhead.model.netty;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringSocketChannel;

import netoverhead.model.Availability;

/** Netty's native io_uring transport (JNI, Linux x86_64 library shipped in its jar). */
public final class NettyIoUringModel extends NettyModel {
    @Override public String name() { return "netty-iouring"; }

    @Override public String label() { return "Netty io_uring"; }

    @Override public String description() {
        return "Netty 4.2, native io_uring transport (JNI), one event loop per core (--loops N)";
    }

    @Override
    protected Availability probe() {
        if (!NativeTransports.isLinux()) return Availability.unavailable("io_uring needs Linux, this is " + NativeTransports.osName());
        String disabled = NativeTransports.ioUringDisabled();
        if ("2".equals(disabled)) {
            return Availability.unavailable("io_uring is disabled (/proc/sys/kernel/io_uring_disabled is 2)");
        }
        try {
            if (IoUring.isAvailable()) return Availability.AVAILABLE;
            String why = NativeTransports.describe(IoUring.unavailabilityCause());
            if ("1".equals(disabled)) why += " (/proc/sys/kernel/io_uring_disabled is 1: only for io_uring_group members)";
            return Availability.unavailable("Netty's io_uring transport cannot run: " + why);
        } catch (LinkageError e) {
            return Availability.unavailable("Netty's native io_uring library did not load: " + NativeTransports.describe(e));
        }
    }

    @Override
    protected IoHandlerFactory ioHandlerFactory() {
        return IoUringIoHandler.newFactory();
    }

    @Override
    protected Channel newChannel() {
        return new IoUringSocketChannel();
    }
}
