package netoverhead.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.function.Consumer;

import netoverhead.server.ExistingServer;
import netoverhead.server.HttpProbe;
import netoverhead.server.PayloadProbe;
import netoverhead.server.ServerHandle;
import netoverhead.server.ServerLauncher;
import netoverhead.server.ServerSpec;
import netoverhead.server.link.EmulatedLink;
import netoverhead.server.link.LinkSpec;

/**
 * What a run downloads from: the server (found or started, as --server says), where the clients reach it, and
 * the emulated link in between when --link asks for one. Closing stops the server, then removes the link.
 */
final class RunTarget implements AutoCloseable {
    private final EmulatedLink link;
    private ServerSpec spec;
    private final ServerHandle server;

    private RunTarget(EmulatedLink link, ServerSpec spec, ServerHandle server) {
        this.link = link;
        this.spec = spec;
        this.server = server;
    }

    /**
     * Finds or starts the server. A server already there is probed with --connect-timeout and --read-timeout; when
     * --follow followed a redirect from --path, the run downloads from where it led: {@code options.path} becomes
     * that path, and {@link #port()} that port.
     *
     * @param portGiven whether the user gave PORT: when not, a lighttpd or nginx the tool starts takes a free port
     *                  if the default one is taken
     */
    static RunTarget open(RunOptions options, boolean portGiven, Consumer<String> log)
            throws IOException, InterruptedException {
        EmulatedLink link = options.link == null ? null : EmulatedLink.create(LinkSpec.parse(options.link), log);
        try {
            ServerSpec spec = spec(options, portGiven, link, log).pinnedBy(options.serverPrefix());
            PayloadProbe.Settings probe = new PayloadProbe.Settings(options.connectTimeoutMs, options.readTimeoutMs,
                    options.follow);
            RunTarget target = new RunTarget(link, spec, ServerLauncher.open(options.server, spec, probe, log));
            if (target.server instanceof ExistingServer found && found.path() != null) {
                options.path = found.path();
                target.spec = new ServerSpec(spec.host(), found.port(), found.path(), spec.payloadBytes(),
                        spec.connections(), spec.commandPrefix(), spec.pinning());
            }
            return target;
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (link != null) link.close();
            throw e;
        }
    }

    private static ServerSpec spec(RunOptions options, boolean portGiven, EmulatedLink link, Consumer<String> log)
            throws IOException {
        int most = options.connections.stream().mapToInt(Integer::intValue).max().orElse(1);
        if (link != null) {
            return new ServerSpec(link.serverAddress(), options.port, options.path, options.payload.bytes(), most,
                    link.execPrefix());
        }
        int port = options.port;
        if (List.of("lighttpd", "nginx").contains(options.server) && !portGiven
                && HttpProbe.listening(options.address, port, 2000)) {
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName(options.address))) {
                port = free.getLocalPort();
            }
            log.accept(options.address + ":" + options.port + " is taken; " + options.server + " gets port " + port
                    + " instead (give PORT to choose one)");
        }
        return ServerSpec.local(options.address, port, options.path, options.payload.bytes(), most);
    }

    ServerHandle server() {
        return server;
    }

    /** The address the clients connect to: the target's, or the namespace's behind the link. */
    String host() {
        return spec.host();
    }

    int port() {
        return spec.port();
    }

    /** "veth 1gbit" for rows measured over a link, null on loopback or a real network. */
    String linkLabel() {
        return link == null ? null : link.label();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            if (link != null) link.close();
        }
    }
}
