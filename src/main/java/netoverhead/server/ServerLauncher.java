package netoverhead.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.util.function.Consumer;

import netoverhead.config.Size;

/** Finds or starts the server a run downloads from, as --server asks. */
public final class ServerLauncher {
    private ServerLauncher() {}

    /**
     * Finds or starts the server of {@code kind} as {@code spec} says. A server placed elsewhere (in a namespace) is always started, never looked for.
     */
    public static ServerHandle open(ServerKind kind, ServerSpec spec, Consumer<String> log)
            throws IOException, InterruptedException {
        return open(kind, spec, PayloadProbe.Settings.DEFAULT, log);
    }

    /**
     * As {@link #open(ServerKind, ServerSpec, Consumer)}, probing a server that is already there with {@code probe}'s
     * timeouts, and following a redirect to the payload when it says so.
     */
    public static ServerHandle open(ServerKind kind, ServerSpec spec, PayloadProbe.Settings probe, Consumer<String> log)
            throws IOException, InterruptedException {
        String host = spec.host();
        int port = spec.port();
        if (!spec.placed()) resolve(host);
        String notListening = spec.placed() ? "placed" : HttpProbe.connectProblem(host, port, probe.connectTimeoutMs());
        boolean listening = notListening == null;
        if (kind == ServerKind.EXTERNAL || (kind == ServerKind.EMBEDDED && listening)) {
            if (spec.placed()) throw new IOException("an external server cannot be placed behind an emulated link");
            if (!spec.pinning().isEmpty()) {
                throw new IOException("something already listens at " + host + ":" + port + ", and the tool can keep "
                        + "only a server it starts to some CPUs (stop it, or choose another PORT)");
            }
            if (!listening) {
                throw new IOException("nothing answers at " + host + ":" + port + " (" + notListening + "; start your "
                        + "server there, or run without --server external to use the embedded one)");
            }
            ExistingServer existing = existing(host, port, spec.path(), probe, log);
            log.accept("using the server already listening at " + host + ":" + port + " ("
                    + existing.description() + ", " + existing.payloadBytes() + " byte payload)");
            if (spec.payloadBytes() > 0 && existing.payloadBytes() != spec.payloadBytes()) {
                log.accept("warning: that server's payload is " + Size.format(existing.payloadBytes()) + ", not the "
                        + Size.format(spec.payloadBytes()) + " asked for; the run measures the server's payload "
                        + "(choose another PORT to have the tool start its own server)");
            }
            return existing;
        }
        if (listening) {
            throw new IOException("something already listens at " + host + ":" + port + "; stop it, choose another "
                    + "PORT, or benchmark it with --server external");
        }
        if (!spec.placed() && !isLocal(host)) {
            throw new IOException("nothing answers at " + host + ":" + port + ", and the tool can only start "
                    + kind.optionName() + " on an address of this machine");
        }
        String where = spec.hostForUrl() + ":" + port + (spec.placed() ? " inside the link's namespace" : "");
        return switch (kind) {
            case LIGHTTPD -> {
                log.accept("starting lighttpd on " + where);
                yield LighttpdServer.start(spec);
            }
            case NGINX -> {
                log.accept("starting nginx on " + where);
                yield NginxServer.start(spec);
            }
            case EMBEDDED -> {
                log.accept("starting the embedded server on " + where);
                yield EmbeddedServerProcess.start(spec);
            }
            case EXTERNAL -> throw new IllegalStateException("an external server is found, never started");
        };
    }

    static ExistingServer existing(String host, int port, String path, PayloadProbe.Settings probe,
                                   Consumer<String> log) throws IOException {
        PayloadProbe.Found found = PayloadProbe.probe(host, port, path, probe, log);
        String name = found.server() == null ? "external server" : "external: " + found.server();
        boolean moved = found.port() != port || !found.path().equals(path);
        return moved ? new ExistingServer(name, found.payloadBytes(), found.port(), found.path())
                : new ExistingServer(name, found.payloadBytes());
    }

    /** Fails in one line when the host name does not resolve, rather than as "nothing answers" later. */
    private static void resolve(String host) throws IOException {
        try {
            InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IOException("cannot resolve host " + host);
        }
    }

    static boolean isLocal(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isLoopbackAddress() || address.isAnyLocalAddress()
                    || NetworkInterface.getByInetAddress(address) != null;
        } catch (IOException e) {
            return false;
        }
    }
}
