package netoverhead.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import netoverhead.harness.RunSpec;
import netoverhead.server.ExistingServer;
import netoverhead.server.HttpProbe;
import netoverhead.server.PayloadProbe;
import netoverhead.server.RrProbe;
import netoverhead.server.ServerHandle;
import netoverhead.server.ServerLauncher;
import netoverhead.server.ServerSpec;
import netoverhead.server.link.EmulatedLink;
import netoverhead.workload.WorkloadKind;

/**
 * What a run downloads from: the server (found or started, as --server says), where the clients reach it, and
 * the emulated link in between when --link asks for one. Closing stops the server, then removes the link.
 */
final class RunTarget implements AutoCloseable {
    private final EmulatedLink link;
    private final ServerSpec spec;
    private final ServerHandle server;

    private RunTarget(EmulatedLink link, ServerSpec spec, ServerHandle server) {
        this.link = link;
        this.spec = spec;
        this.server = server;
    }

    /**
     * Makes the link the spec asks for, if any, then finds or starts its server, as {@code --server} says. A server
     * already there is probed with the run's connect and read timeouts; when a redirect from the path was followed,
     * {@link #port()} and {@link #path()} are where it led.
     */
    static RunTarget open(RunSpec run, Consumer<String> log) throws IOException, InterruptedException {
        RunSpec.Target target = run.target();
        EmulatedLink link = target.link() == null ? null : EmulatedLink.create(target.link(), log);
        try {
            ServerSpec spec = spec(run, link, log).pinnedBy(run.serverPrefix())
                    .withResponseSizes(run.workload().responses());
            PayloadProbe.Settings probe = new PayloadProbe.Settings((int) run.client().connectTimeout().toMillis(),
                    (int) run.client().readTimeout().toMillis(), target.follow());
            ServerHandle server = ServerLauncher.open(target.server(), spec, probe, log);
            if (server instanceof ExistingServer found && found.path() != null) {
                spec = new ServerSpec(spec.host(), found.port(), found.path(), spec.payloadBytes(), spec.connections(),
                        spec.commandPrefix(), spec.pinning()).withResponseSizes(run.workload().responses());
            }
            if (run.workload().kind() == WorkloadKind.RR && server instanceof ExistingServer) {
                try {
                    // rr needs a server that keeps the connection alive and answers every request alike
                    RrProbe.probe(spec.host(), spec.port(), spec.path(), probe.connectTimeoutMs(),
                            probe.readTimeoutMs());
                } catch (IOException e) {
                    server.close();
                    throw e;
                }
            }
            return new RunTarget(link, spec, server);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (link != null) link.close();
            throw e;
        }
    }

    /**
     * Where the server listens: behind the link, or at the target; a lighttpd or nginx the tool starts takes a
     * free port when the user gave none and the default one is taken.
     */
    private static ServerSpec spec(RunSpec run, EmulatedLink link, Consumer<String> log) throws IOException {
        RunSpec.Target target = run.target();
        if (link != null) {
            return new ServerSpec(link.serverAddress(), target.port(), target.path(), payloadBytes(run),
                    run.mostConnections(), link.execPrefix());
        }
        int port = target.port();
        if (target.server().isProgram() && !target.portGiven()
                && HttpProbe.listening(target.address(), port, 2000)) {
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName(target.address()))) {
                port = free.getLocalPort();
            }
            log.accept(target.address() + ":" + target.port() + " is taken; " + RunSpec.optionName(target.server())
                    + " gets port " + port + " instead (give PORT to choose one)");
        }
        return ServerSpec.local(target.address(), port, target.path(), payloadBytes(run), run.mostConnections());
    }

    /**
     * The payload a server the tool starts serves at the path: rr asks for sized bodies instead, so a small one;
     * of an external server rr asks nothing (0), and takes the body it answers with.
     */
    private static long payloadBytes(RunSpec run) {
        if (!run.workload().operations()) return run.payloadBytes();
        List<Long> responses = run.workload().responses();
        return responses.isEmpty() ? 0 : Collections.min(responses);
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

    /** The path the clients download: the target's, or where a followed redirect led. */
    String path() {
        return spec.path();
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
