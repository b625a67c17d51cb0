package netoverhead.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;

import netoverhead.config.Size;

/** Finds or starts the server a run downloads from, as --server asks. */
public final class ServerLauncher {
    private ServerLauncher() {}

    /**
     * @param kind         "embedded" (start the tool's server unless one listens there) or "external"
     * @param payloadBytes the payload size to serve when the tool starts the server
     * @param log          where to say what was found or started
     */
    public static ServerHandle open(String kind, String host, int port, String path, long payloadBytes,
                                    java.util.function.Consumer<String> log) throws IOException, InterruptedException {
        boolean listening = HttpProbe.listening(host, port, 2000);
        if (listening || kind.equals("external")) {
            if (!listening) {
                throw new IOException("nothing answers at " + host + ":" + port
                        + " (start your server there, or run without --server external to use the embedded one)");
            }
            ExistingServer existing = existing(host, port, path);
            log.accept("using the server already listening at " + host + ":" + port + " ("
                    + existing.description() + ", " + existing.payloadBytes() + " byte payload)");
            if (existing.payloadBytes() != payloadBytes) {
                log.accept("warning: that server's payload is " + Size.format(existing.payloadBytes()) + ", not the "
                        + Size.format(payloadBytes) + " asked for; the run measures the server's payload "
                        + "(choose another PORT to have the tool start its own server)");
            }
            return existing;
        }
        if (!isLocal(host)) {
            throw new IOException("nothing answers at " + host + ":" + port
                    + ", and the embedded server can only be started on an address of this machine");
        }
        log.accept("starting the embedded server on " + host + ":" + port);
        return EmbeddedServerProcess.start(host, port, path, payloadBytes);
    }

    static ExistingServer existing(String host, int port, String path) throws IOException {
        HttpProbe.Result probe = HttpProbe.head(host, port, path, 5000);
        if (!probe.answered()) {
            throw new IOException("the server at " + host + ":" + port + " does not answer HTTP: " + probe.error());
        }
        if (probe.status() != 200) {
            throw new IOException("the server at " + host + ":" + port + " answers HEAD " + path + " with status "
                    + probe.status() + "; it must serve the payload there");
        }
        if (probe.contentLength() < 0) {
            throw new IOException("the server at " + host + ":" + port + " sends no Content-Length for " + path);
        }
        String name = probe.server() == null ? "external server" : "external: " + probe.server();
        return new ExistingServer(name, probe.contentLength());
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
