package netoverhead.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import netoverhead.payload.PayloadFile;
import netoverhead.server.PayloadServer;
import netoverhead.server.ServerHandle;

/** Real servers for tests, always on a free loopback port so that tests can run side by side. */
public final class TestServers {
    private TestServers() {}

    /** A port on which nothing listens: a connect to it on 127.0.0.1 is refused when this returns. */
    public static int freePort() {
        try {
            ServerSocket s = new ServerSocket(0);
            stopListening(s);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Closes a listener and returns once a connect to its port on 127.0.0.1 is refused. A process that this JVM
     * spawns at that moment holds a copy of the listener's descriptor until it closes its descriptors after exec,
     * and the socket listens until then: a connect in between completes and is reset when the copy closes. Bounded:
     * 500 probes 10 ms apart.
     */
    public static void stopListening(ServerSocket listener) throws IOException {
        InetSocketAddress probed = new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        listener.close();
        for (int probe = 0; probe < 500; probe++) {
            try (Socket s = new Socket()) {
                s.connect(probed, 1_000);
            } catch (ConnectException refused) {
                return;
            } catch (IOException stillThere) {
                // still listening: its accept queue full, or the copy closed while the probe connected
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + probed + " to stop listening", e);
            }
        }
        throw new IOException(probed + " still accepts connections after its listener closed");
    }

    /** The embedded payload server, in this JVM, serving {@code /testpayload}. */
    public static PayloadServer embedded(long payloadBytes) throws IOException {
        return PayloadServer.start(PayloadServer.Config.of("127.0.0.1", 0, "/testpayload", payloadBytes),
                PayloadFile.ofSize(payloadBytes));
    }

    /** A handle for a server a test runs itself: named, of a known payload, and nothing to stop. */
    public static ServerHandle handle(String description, long payloadBytes) {
        return new ServerHandle() {
            @Override public String description() { return description; }

            @Override public long payloadBytes() { return payloadBytes; }

            @Override public void close() { }
        };
    }
}
