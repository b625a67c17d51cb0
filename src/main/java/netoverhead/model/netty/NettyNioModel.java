package netoverhead.model.netty;

import java.util.List;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;

import netoverhead.model.ClientPlan;

/** Netty over the JDK's NIO selector: pure Java, available wherever the JDK is. */
public final class NettyNioModel extends NettyModel {
    @Override public String name() { return "netty-nio"; }

    @Override public String label() { return "Netty NIO"; }

    @Override public String description() {
        return "Netty 4.2, NIO transport (JDK Selector), one event loop per core (--loops N)";
    }

    @Override
    public List<String> jvmOptions(ClientPlan plan) {
        return List.of();
    }

    @Override
    protected IoHandlerFactory ioHandlerFactory() {
        return NioIoHandler.newFactory();
    }

    @Override
    protected Channel newChannel() {
        return new NioSocketChannel();
    }
}
